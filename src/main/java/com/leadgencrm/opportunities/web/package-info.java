@NullMarked
package com.leadgencrm.opportunities.web;

import org.jspecify.annotations.NullMarked;
