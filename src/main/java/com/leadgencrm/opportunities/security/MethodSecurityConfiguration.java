package com.leadgencrm.opportunities.security;

import com.leadgencrm.opportunities.core.Caller;
import com.leadgencrm.opportunities.core.Permission;
import com.leadgencrm.opportunities.core.Requires;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodClassKey;
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
          return new AuthorizationDecision(caller != null && caller.may(required(invocation)));
        };
    return new AuthorizationManagerBeforeMethodInterceptor(
        AnnotationMatchingPointcut.forMethodAnnotation(Requires.class), permissions);
  }

  /**
   * The permission each method requires on each bean class, looked up once: a lookup on every call,
   * through Spring's annotation cache, cost a GET 1.5% of its CPU samples (BENCHMARKS.md,
   * twenty-third round).
   */
  private static final Map<MethodClassKey, Permission> REQUIRED = new ConcurrentHashMap<>();

  private static Permission required(MethodInvocation invocation) {
    Method method = invocation.getMethod();
    Object target = invocation.getThis();
    @Nullable Class<?> type = target == null ? null : target.getClass();
    return REQUIRED.computeIfAbsent(
        new MethodClassKey(method, type), key -> lookedUp(method, type));
  }

  private static Permission lookedUp(Method called, @Nullable Class<?> type) {
    Method method = type == null ? called : AopUtils.getMostSpecificMethod(called, type);
    Requires requires = AnnotationUtils.findAnnotation(method, Requires.class);
    if (requires == null) {
      throw new IllegalStateException("No @Requires on " + method);
    }
    return requires.value();
  }
}
