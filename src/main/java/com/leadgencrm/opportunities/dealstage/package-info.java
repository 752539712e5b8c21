@NullMarked
package com.leadgencrm.opportunities.dealstage;

import org.jspecify.annotations.NullMarked;
