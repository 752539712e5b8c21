package com.leadgencrm.opportunities.core;

/** A representation and its strong entity tag. */
public record Versioned<T>(T body, String etag) {}
