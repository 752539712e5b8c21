package com.leadgencrm.opportunities.core;

import com.leadgencrm.opportunities.json.JsonInput;
import java.util.List;

/**
 * An input record with rules that span several properties. {@link JsonInput} reports their errors
 * together with the per-property ones; properties of the wrong type read as {@code null} here.
 */
public interface CrossFieldRules {

  List<InvalidField> crossFieldErrors();
}
