@NullMarked
package com.leadgencrm.opportunities.opportunity;

import org.jspecify.annotations.NullMarked;
