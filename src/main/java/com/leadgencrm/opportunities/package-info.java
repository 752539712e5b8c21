@NullMarked
package com.leadgencrm.opportunities;

import org.jspecify.annotations.NullMarked;
