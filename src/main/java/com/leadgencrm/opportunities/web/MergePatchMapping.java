package com.leadgencrm.opportunities.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * A PATCH that takes a JSON Merge Patch (RFC 7396), as {@code application/merge-patch+json} or
 * plain {@code application/json}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestMapping(
    method = RequestMethod.PATCH,
    consumes = {MergePatchMapping.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
public @interface MergePatchMapping {

  String MEDIA_TYPE = "application/merge-patch+json";

  /** The path, under the controller's. */
  @AliasFor(annotation = RequestMapping.class)
  String[] path();
}
