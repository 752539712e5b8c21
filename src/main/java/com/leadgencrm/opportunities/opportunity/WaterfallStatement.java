package com.leadgencrm.opportunities.opportunity;

/**
 * The waterfall's statement: both snapshots, each opportunity's way in and way out, summed per
 * currency and step. The list's condition is applied to each snapshot under the name {@code
 * opportunity}, as it is written for the table.
 */
final class WaterfallStatement {

  private WaterfallStatement() {}

  static String of(String condition) {
    String pipeline =
        " where "
            + condition
            + " and not is_closed and close_date >= :periodFrom and close_date <= :periodTo)";
    return "with "
        + SummaryHistory.snapshot("s_all", "wfFrom")
        + ", "
        + SummaryHistory.snapshot("e_all", "wfTo")
        + ", s as (select id, currency, coalesce(amount, 0) as amount from s_all as opportunity"
        + pipeline
        + ", e as (select id, currency, coalesce(amount, 0) as amount from e_all as opportunity"
        + pipeline
        + ", moves as (select s.id is not null as in_s, e.id is not null as in_e,"
        + " s.currency as s_cur, s.amount as s_amt, e.currency as e_cur, e.amount as e_amt,"
        + " sa.id is not null as existed, ea.id is not null as exists_now,"
        + " coalesce(ea.is_closed, false) as e_closed, coalesce(ea.is_won, false) as e_won"
        + " from s full join e on e.id = s.id"
        + " left join s_all sa on sa.id = coalesce(s.id, e.id)"
        + " left join e_all ea on ea.id = coalesce(s.id, e.id))"
        + " select currency, step, count(*) as count,"
        + " round(coalesce(sum(amount), 0), currency_minor_units(currency)) as amount from ("
        + step("start", "s", "in_s")
        + step("end", "e", "in_e")
        + step("created", "e", "in_e and not in_s and not existed")
        + step("pulledIn", "e", "in_e and ((not in_s and existed) or (in_s and s_cur <> e_cur))")
        + step(
            "pushedOut",
            "s",
            "in_s and ((not in_e and exists_now and not e_closed) or (in_e and s_cur <> e_cur))")
        + step("won", "s", "in_s and not in_e and exists_now and e_closed and e_won")
        + step("lost", "s", "in_s and not in_e and exists_now and e_closed and not e_won")
        + step("removed", "s", "in_s and not in_e and not exists_now")
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
}
