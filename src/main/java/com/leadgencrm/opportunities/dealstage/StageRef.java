package com.leadgencrm.opportunities.dealstage;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** What other features need to know of a stage. */
public record StageRef(long id, @Nullable BigDecimal defaultProbability) {}
