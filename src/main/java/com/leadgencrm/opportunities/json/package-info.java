@NullMarked
package com.leadgencrm.opportunities.json;

import org.jspecify.annotations.NullMarked;
