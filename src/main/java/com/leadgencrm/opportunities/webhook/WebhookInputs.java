package com.leadgencrm.opportunities.webhook;

import com.leadgencrm.opportunities.core.InputRules;
import com.leadgencrm.opportunities.core.InvalidField;
import com.leadgencrm.opportunities.core.InvalidInput;
import com.leadgencrm.opportunities.core.Submitted;
import com.leadgencrm.opportunities.event.EventTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rules of a webhook's settings, checked at once: lengths, known event types, and where the URL
 * may point.
 */
@Component
class WebhookInputs {

  /** Read-only properties of a webhook that clients send back with the rest. */
  private static final Set<String> READ_ONLY =
      Set.of("secret", "failingSince", "deactivatedReason", "previousSecretExpiresAt");

  private final WebhookTargets targets;
  private final InputRules rules;

  WebhookInputs(WebhookTargets targets, InputRules rules) {
    this.targets = targets;
    this.rules = rules;
  }

  WebhookInput valid(Submitted<WebhookInput> submitted) {
    submitted.requireObject();
    return checked(submitted.record(), submitted);
  }

  /** A merge patch of the current settings. */
  WebhookInput validPatch(Submitted<WebhookInput> patch, WebhookInput current) {
    patch.requireObject();
    return checked(patch.onto(current), patch);
  }

  private WebhookInput checked(WebhookInput input, Submitted<WebhookInput> submitted) {
    List<InvalidField> errors = new ArrayList<>(submitted.errors());
    submitted
        .extra()
        .keySet()
        .forEach(
            name ->
                errors.add(
                    new InvalidField(
                        name,
                        READ_ONLY.contains(name)
                            ? "is read-only"
                            : "is not a property of a webhook")));
    errors.addAll(rules.check(input, submitted.unreadable()));
    if (input.url() != null && !submitted.unreadable().contains("url")) {
      String problem = targets.problem(input.url());
      if (problem != null) {
        errors.add(new InvalidField("url", problem));
      }
    }
    if (input.types() != null) {
      for (String type : input.types()) {
        if (!EventTypes.isPattern(type)) {
          errors.add(new InvalidField("types", "each must be " + EventTypes.described()));
          break;
        }
      }
    }
    InvalidInput.ifAny(errors);
    return new WebhookInput(
        input.url(),
        List.copyOf(new LinkedHashSet<>(input.types())),
        input.description(),
        input.isActive());
  }
}
