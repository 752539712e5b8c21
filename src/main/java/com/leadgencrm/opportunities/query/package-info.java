@NullMarked
package com.leadgencrm.opportunities.query;

import org.jspecify.annotations.NullMarked;
