/*
 * model/monitoring.h - part of the model (lib/model.h):
 * monitoring rounds, R9 experience and the monitoring status (§4.2.3).
 */
#ifndef MPR_MODEL_MONITORING_H
#define MPR_MODEL_MONITORING_H

#include "model/proposal.h"

/* ------------------------------------------------------------------------ */
/* What monitoring found (lib/input/observations.c; docs/monitoring.md)     */

/* A monitoring round: when, by whom, which activities it covered. */
typedef struct mpr_round {
	const char *date;
	long day;               /* date as a day number (util/date.h) */
	mpr_body body;
	const int *activities;  /* indices into the proposal's activities */
	size_t n_activities;
	const char *report;     /* where its report is, as written; NULL */
	mpr_place at;
} mpr_round;

/* An observation of a round: a finding about one activity. */
typedef struct mpr_observation {
	const char *id, *evidence;
	size_t round;          /* index into its file's rounds */
	int activity;          /* index into the proposal's activities */
	int kind;              /* index into the ruleset's violation kinds */
	int severity;          /* MPR_SEVERITY_* */
	bool has_follow_up;    /* a follow-up was agreed (M5) */
	const char *due;       /* its due date, when agreed */
	long due_day;
	int status;            /* MPR_FOLLOW_*; open when none was agreed */
	mpr_place at;
	mpr_place id_at;       /* where its id is written */
} mpr_observation;

/* A result a round measured against a concrete agreement (Rec. 1). */
typedef struct mpr_measured {
	size_t round;
	int agreement;         /* index into the proposal's agreements */
	double value;
	const char *note;
	mpr_place at;
} mpr_measured;

struct mpr_observations {
	mpr_arena arena;
	const mpr_proposal *proposal;
	const char *name;
	char sha256[72];
	const char *proposal_path; /* `proposal:` as written (relative to name); NULL */
	const char *start;         /* when the activities began: the first round is due
	                              a frequency after it */
	long start_day;
	mpr_round *rounds;         /* in date order */
	size_t n_rounds;
	mpr_observation *obs;
	size_t n_obs;
	mpr_measured *results;
	size_t n_results;
	mpr_index activity_index; /* the proposal's activities by id, for reading */
};

/* ------------------------------------------------------------------------ */
/* Experience: R9 from monitoring (lib/decide/experience.c)                  */

/* One observation as experience: where and under what it was made. The
 * strings are the experience's. */
typedef struct mpr_experienced_obs {
	int country, measure;
	const char *country_id, *measure_id; /* the ruleset's ids of them, for the order */
	const char *partnership, *activity, *id;
	int kind, severity;
	long day;
	char date[11];
} mpr_experienced_obs;

struct mpr_experience {
	mpr_arena arena;          /* the strings of the observations and the steps */
	const mpr_ruleset *rules;
	long as_of;
	char as_of_text[11];
	mpr_experienced_obs *obs; /* on or before the date, in canonical order */
	size_t n_obs, cap_obs;
	mpr_experienced *entries; /* the measure types in countries experience escalates */
	size_t n_entries;
	size_t max_steps;         /* the most steps one entry adds to a trace */
	char *text;               /* the canonical JSON (malloc'd) */
	size_t text_len;
	char sha256[72];
};

/* ------------------------------------------------------------------------ */
/* The monitoring status as of a date (lib/decide/monitor.c)                */

/* An activity's status, mildest first: no consequence; a round or a
 * follow-up is due; a suspension must be decided or the criteria applied;
 * it must stop. */
enum { MPR_MS_ACTIVE, MPR_MS_OVERDUE, MPR_MS_SUSPENSION, MPR_MS_STOP };
/* The partnership's status. */
enum { MPR_PS_ON_TRACK, MPR_PS_ACTION_REQUIRED, MPR_PS_STOP };
/* Where a concrete agreement stands (Rec. 1). */
enum { MPR_AGR_ON_SCHEDULE, MPR_AGR_MET, MPR_AGR_BEHIND, MPR_AGR_INCOMPLETE };

static inline const char *mpr_mon_activity_word(int s)
{
	static const char *const names[] = {"active", "overdue", "suspension-required", "stop"};
	return (unsigned)s <= MPR_MS_STOP ? names[s] : "?";
}
static inline const char *mpr_mon_status_word(int s)
{
	static const char *const names[] = {"on-track", "action-required", "stop"};
	return (unsigned)s <= MPR_PS_STOP ? names[s] : "?";
}
static inline const char *mpr_agreement_word(int s)
{
	static const char *const names[] = {"on-schedule", "met", "behind-schedule", "incomplete"};
	return (unsigned)s <= MPR_AGR_INCOMPLETE ? names[s] : "?";
}

/* A round taken into account (on or before the date), from its file; the
 * values are copies (the files outlive the monitoring anyway). */
typedef struct mpr_mon_round {
	const mpr_observations *file;
	size_t index;  /* in its file */
	size_t seq;    /* in the files' order, then each file's */
	mpr_round r;
} mpr_mon_round;

/* An observation taken into account, with what the date makes of it. */
typedef struct mpr_mon_obs {
	mpr_observation o;
	const mpr_round *round; /* of its file */
	long day;               /* the round's */
	bool open;    /* its follow-up is not verified */
	bool overdue; /* its follow-up is past due and not verified (M5) */
} mpr_mon_obs;

/* A result measured against an agreement, in a round taken into account. */
typedef struct mpr_mon_result {
	mpr_measured m;
	const mpr_round *round; /* of its file */
} mpr_mon_result;

/* A consequence as it applies: its rule, whom it concerns, when it is due,
 * and its evidence: observations ev[first_ev .. first_ev + n_ev) (indices
 * into the monitoring's obs), the round that did not count, the agreement
 * behind schedule. */
typedef struct mpr_mon_item {
	const mpr_consequence *rule;
	int activity;    /* index into the proposal's activities; -1: the partnership */
	bool has_due;
	long due;        /* day number */
	char due_text[11]; /* YYYY-MM-DD */
	size_t first_ev, n_ev;
	int round;       /* index into the monitoring's rounds; -1 */
	int agreement;   /* index into the proposal's agreements; -1 */
} mpr_mon_item;

typedef struct mpr_mon_activity {
	int status;              /* MPR_MS_* */
	int last_round;          /* the last round that counts for it; -1 none */
	long next_due;           /* the next round is due on this day */
	size_t first_round, n_rounds; /* the rounds that covered it: act_rounds[first_round ..) */
	size_t first_obs, n_obs; /* its observations: act_obs[first_obs ..), in date order */
	size_t first_item, n_items;
	size_t first_open, n_open; /* its open findings: open[first_open ..) */
} mpr_mon_activity;

typedef struct mpr_mon_agreement {
	int status;  /* MPR_AGR_* */
	int latest;  /* index into the monitoring's results of its latest result; -1 */
} mpr_mon_agreement;

struct mpr_monitoring {
	const mpr_ruleset *rules;
	const mpr_proposal *proposal;
	mpr_result *result;       /* the proposal decided again under rules (owned) */
	const mpr_observations **files; /* the files, in the caller's order (the array owned) */
	size_t n_files;
	long as_of;
	char as_of_text[11];
	size_t n_later;           /* rounds after the date, not taken into account */
	mpr_mon_round *rounds;    /* in date order */
	size_t n_rounds;
	mpr_mon_obs *obs;         /* in the order of their rounds */
	size_t n_obs;
	mpr_mon_result *results;
	size_t n_results;
	mpr_mon_activity *activities; /* one per activity of the proposal */
	mpr_mon_agreement *agreements; /* one per agreement of the proposal */
	mpr_mon_item *items;      /* activities' in proposal order, then the partnership's */
	size_t n_items, first_partnership;
	size_t *ev;               /* evidence of the items: indices into obs */
	size_t *act_rounds;       /* per activity, the rounds that covered it (indices into
	                             rounds, in date order) */
	size_t *act_obs;          /* per activity, its observations (indices into obs) */
	size_t *open;             /* open findings of the activities: indices into obs */
	size_t *urgent;           /* the items in the order to act on them: the strictest
	                             action first, then the earliest due date */
	mpr_experience *experience; /* R9: what these observations give new proposals
	                               (owned) */
	int status;               /* MPR_PS_* */
};

/* A decided activity: of a result, or standalone for mpr_decide. */
struct mpr_activity {
	const mpr_ruleset *rules;
	const char *id;
	mpr_decision d;
	mpr_step *storage; /* the trace array of a standalone activity (mpr_activity_new) */
};

/* A proposal's evaluation: every activity decided, then the partnership
 * findings, which can only make the verdict worse. One allocation for the
 * activities and one for all their traces. */
struct mpr_result {
	const mpr_ruleset *rules;
	const mpr_proposal *proposal;
	mpr_verdict verdict;
	int passes;
	const mpr_prule **findings;
	size_t n_findings;
	const mpr_prule **lifted; /* rules whose conditions hold but that the proposal's
	                             declarations lift (lifted_by): shown and recorded */
	size_t n_lifted;
	unsigned required_months; /* the most demanding activity's monitoring frequency */
	mpr_activity *activities;
	size_t n_activities;
	mpr_step *trace_store;
	const mpr_experience *experience; /* what the decisions used (R9); NULL none */
};

#endif
