@NullMarked
package com.leadgencrm.opportunities.field;

import org.jspecify.annotations.NullMarked;
