package com.leadgencrm.opportunities.web;

/** A representation and its strong entity tag. */
public record Versioned<T>(T body, String etag) {}
