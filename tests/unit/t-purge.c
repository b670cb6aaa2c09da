/* Unit tests: lib/purge.c, the policy (rule, due date, decision). */
#include <stdlib.h>

#include "purge.h"
#include "tap.h"

static long
d(const char *s)
{
	long day = -999999;

	avs_date_parse(s, &day);
	return day;
}

static void
decide(const struct avs_config *cfg, enum avs_state s, const char *since,
    const char *asof, struct avs_purge_item *it)
{
	struct avs_meta m;

	m.state = s;
	snprintf(m.since, sizeof(m.since), "%s", since);
	avs_purge_decide(cfg, "0123456789ab", &m, d(asof), it);
}

int
main(void)
{
	struct avs_config cfg;
	struct avs_purge_item it;
	int k;

	is_int(avs_purge_rule(AVS_PLANNED), AVS_RULE_UNFINISHED,
	    "planned: unfinished");
	is_int(avs_purge_rule(AVS_IN_PROGRESS), AVS_RULE_UNFINISHED,
	    "in-progress: unfinished");
	is_int(avs_purge_rule(AVS_SEALED), AVS_RULE_SEALED, "sealed: sealed");
	is_int(avs_purge_rule(AVS_DECLINED), AVS_RULE_DECLINED,
	    "declined: declined");

	avs_config_defaults(&cfg);
	is_int(cfg.retention[AVS_RULE_SEALED].months, 24, "sealed 24 months");
	is_int(cfg.retention[AVS_RULE_DECLINED].months, 24,
	    "declined 24 months");
	is_int(cfg.retention[AVS_RULE_UNFINISHED].months, 6,
	    "unfinished 6 months");

	/* No decision: decided, but nothing to apply. */
	decide(&cfg, AVS_SEALED, "2024-03-15", "2030-01-01", &it);
	ok(it.is_due && it.decision == NULL, "due, but no decision");

	for (k = 0; k < AVS_NRULES; k++)
		cfg.retention[k].decision = avs_xstrdup("Beslut 1");

	/* Each rule the day before and on its due date. */
	decide(&cfg, AVS_SEALED, "2024-03-15", "2026-03-14", &it);
	is_str(it.due_str, "2026-03-15", "sealed: due 24 months on");
	ok(!it.is_due, "sealed: kept the day before");
	decide(&cfg, AVS_SEALED, "2024-03-15", "2026-03-15", &it);
	ok(it.is_due && !it.forced, "sealed: due on the due date");
	is_str(avs_purge_rule_label(&it), "sealed", "labelled sealed");
	is_str(it.decision, "Beslut 1", "with the rule's decision");
	decide(&cfg, AVS_DECLINED, "2025-01-31", "2027-01-30", &it);
	ok(!it.is_due && it.rule == AVS_RULE_DECLINED, "declined: kept the "
	    "day before");
	decide(&cfg, AVS_DECLINED, "2025-01-31", "2027-01-31", &it);
	ok(it.is_due, "declined: due on the due date");
	decide(&cfg, AVS_PLANNED, "2026-12-31", "2027-06-29", &it);
	is_str(it.due_str, "2027-06-30", "unfinished: 6 months, clamped to "
	    "the month's end");
	ok(!it.is_due, "planned: kept the day before");
	decide(&cfg, AVS_IN_PROGRESS, "2026-12-31", "2027-06-30", &it);
	ok(it.is_due, "in-progress: due on the due date");
	is_str(avs_purge_rule_label(&it), "unfinished", "labelled unfinished");
	decide(&cfg, AVS_PLANNED, "2023-08-31", "2024-02-28", &it);
	is_str(it.due_str, "2024-02-29", "to a leap day");
	ok(!it.is_due, "kept on 02-28");

	/* Months from the config; 0 means due on SINCE itself. */
	cfg.retention[AVS_RULE_SEALED].months = 0;
	decide(&cfg, AVS_SEALED, "2026-05-05", "2026-05-05", &it);
	ok(it.is_due && it.due == d("2026-05-05"), "0 months: due at once");
	cfg.retention[AVS_RULE_SEALED].months = 120;
	decide(&cfg, AVS_SEALED, "2026-05-05", "2036-05-04", &it);
	ok(!it.is_due && it.due == d("2036-05-05"), "120 months");
	is_int(it.months, 120, "the months are the rule's");

	it.forced = 1;
	is_str(avs_purge_rule_label(&it), AVS_PURGE_FORCED,
	    "a forced disposal is labelled forced");
	avs_config_clear(&cfg);
	return tap_done();
}
