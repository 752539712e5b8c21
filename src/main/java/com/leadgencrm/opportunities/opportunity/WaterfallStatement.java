package com.leadgencrm.opportunities.opportunity;

/**
 * The waterfall's statement: the pipelines at {@code :wfFrom} and at {@code :wfTo} read in one scan
 * of the opportunities' states, each opportunity's way in and way out, summed per currency and
 * step. The list's condition is applied to the state each opportunity was in at either moment,
 * under the name {@code opportunity}, as it is written for the table.
 *
 * <p>Only an opportunity in one pipeline but not the other needs its state at the other moment (did
 * it exist at {@code from}; was it open, won, lost or gone at {@code to}): those few are looked up
 * by opportunity, not read by a second scan.
 */
final class WaterfallStatement {

  private WaterfallStatement() {}

  static String of(String condition) {
    return "with "
        + SummaryHistory.states(
            "opportunity",
            ", " + at("wfFrom") + " as at_from, " + at("wfTo") + " as at_to",
            "st.present and (" + at("wfFrom") + " or " + at("wfTo") + ")")
        // both pipelines: open with a close date in the period, selected by the list's condition
        + ", pipelines as materialized (select id, at_from, at_to, currency,"
        + " coalesce(amount, 0) as amount from opportunity where "
        + condition
        + " and not is_closed and close_date >= :periodFrom and close_date <= :periodTo)"
        + ", s as (select * from pipelines where at_from)"
        + ", e as (select * from pipelines where at_to)"
        + ", moves as materialized (select s.id is not null as in_s, e.id is not null as in_e,"
        + " s.currency as s_cur, s.amount as s_amt, e.currency as e_cur, e.amount as e_amt,"
        // an opportunity that entered the pipeline: did it exist at from?
        + " case when s.id is null then exists (select 1 from opportunity_state x"
        + " where x.opportunity_id = e.id and x.present and "
        + at("x", "wfFrom")
        + ") end as existed,"
        // one that left it: what it was at to (open, won, lost; removed: no state, or deleted)
        + " case when e.id is null then coalesce((select case when not x.present then 'removed'"
        + " when not coalesce(x.is_closed, false) then 'open'"
        + " when coalesce(x.is_won, false) then 'won' else 'lost' end"
        + " from opportunity_state x where x.opportunity_id = s.id and "
        + at("x", "wfTo")
        + "), 'removed') end as fate"
        + " from s full join e on e.id = s.id)"
        + " select currency, step, count(*) as count,"
        + " round(coalesce(sum(amount), 0), currency_minor_units(currency)) as amount from ("
        + step("start", "s", "in_s")
        + step("end", "e", "in_e")
        + step("created", "e", "in_e and not in_s and not existed")
        + step("pulledIn", "e", "in_e and ((not in_s and existed) or (in_s and s_cur <> e_cur))")
        + step(
            "pushedOut",
            "s",
            "in_s and ((not in_e and fate = 'open') or (in_e and s_cur <> e_cur))")
        // won, lost or removed: the fate of one that left the pipeline
        + " select s_cur, fate, s_amt from moves where in_s and not in_e and fate <> 'open'"
        + " union all"
        + " select s_cur, 'increased', e_amt - s_amt from moves"
        + " where in_s and in_e and s_cur = e_cur and e_amt > s_amt union all"
        + " select s_cur, 'decreased', s_amt - e_amt from moves"
        + " where in_s and in_e and s_cur = e_cur and e_amt < s_amt"
        + ") steps (currency, step, amount) group by currency, step";
  }

  private static String step(String name, String side, String when) {
    return " select "
        + side
        + "_cur, '"
        + name
        + "', "
        + side
        + "_amt from moves where "
        + when
        + " union all";
  }

  /** Whether the state {@code st} was the one valid at the moment bound to {@code moment}. */
  private static String at(String moment) {
    return at("st", moment);
  }

  private static String at(String state, String moment) {
    return "("
        + state
        + ".valid_from <= :"
        + moment
        + " and ("
        + state
        + ".valid_to is null or "
        + state
        + ".valid_to > :"
        + moment
        + "))";
  }
}
