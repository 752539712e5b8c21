/** The Lead Gen & CRM wire protocol (JSON-RPC-like), translated to the services of the REST API. */
@NullMarked
package com.leadgencrm.opportunities.pubapi;

import org.jspecify.annotations.NullMarked;
