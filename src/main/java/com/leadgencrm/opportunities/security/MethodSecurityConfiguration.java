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

  /** A method as called on a bean's class: where its {@link Requires} is looked up. */
  private record Site(Method method, @Nullable Class<?> type) {}

  /**
   * The permission each site requires, looked up once: a lookup on every call, through Spring's
   * annotation cache, cost a GET 1.5% of its CPU samples (BENCHMARKS.md, twenty-third round).
   */
  private static final Map<Site, Permission> REQUIRED = new ConcurrentHashMap<>();

  private static Permission required(MethodInvocation invocation) {
    Object target = invocation.getThis();
    return REQUIRED.computeIfAbsent(
        new Site(invocation.getMethod(), target == null ? null : target.getClass()),
        MethodSecurityConfiguration::lookedUp);
  }

  private static Permission lookedUp(Site site) {
    Method method =
        site.type() == null
            ? site.method()
            : AopUtils.getMostSpecificMethod(site.method(), site.type());
    Requires requires = AnnotationUtils.findAnnotation(method, Requires.class);
    if (requires == null) {
      throw new IllegalStateException("No @Requires on " + method);
    }
    return requires.value();
  }
}
