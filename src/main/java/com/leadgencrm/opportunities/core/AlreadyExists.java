package com.leadgencrm.opportunities.core;

/** A conflict because the thing to create exists already (a name, a pair). */
public interface AlreadyExists {}
