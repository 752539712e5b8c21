@NullMarked
package com.leadgencrm.opportunities.core;

import org.jspecify.annotations.NullMarked;
