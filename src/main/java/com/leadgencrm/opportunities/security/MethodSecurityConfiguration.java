package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Requires;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;

/**
 * Enforces {@link Requires} on service methods, for every protocol: the caller of the current
 * request (or the system actor) must have the permission, else Spring Security's access-denied
 * exception stops the call before the method runs.
 */
@Configuration(proxyBeanMethods = false)
class MethodSecurityConfiguration {

  @Bean
  @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor requiredPermissions() {
    AuthorizationManager<MethodInvocation> permissions =
        (authentication, invocation) -> {
          Caller caller = Caller.currentOrNull();
          return new AuthorizationDecision(
              caller != null && caller.may(required(invocation).value()));
        };
    return new AuthorizationManagerBeforeMethodInterceptor(
        AnnotationMatchingPointcut.forMethodAnnotation(Requires.class), permissions);
  }

  private static Requires required(MethodInvocation invocation) {
    Object target = invocation.getThis();
    Method method =
        target == null
            ? invocation.getMethod()
            : AopUtils.getMostSpecificMethod(invocation.getMethod(), target.getClass());
    Requires requires = AnnotationUtils.findAnnotation(method, Requires.class);
    if (requires == null) {
      throw new IllegalStateException("No @Requires on " + method);
    }
    return requires;
  }
}
