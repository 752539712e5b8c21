/** API keys, the six CRM roles, owner-scoped access and the limits against abuse. */
@NullMarked
package com.leadgencrm.opportunities.security;

import org.jspecify.annotations.NullMarked;
