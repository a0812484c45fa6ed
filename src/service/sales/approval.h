/*
 * approval.h: the approval of contracts and receipts (合同审批, 回款审批;
 * issue 13). One state machine for both:
 *
 *   draft ──submit──▶ review ──approve──▶ approved
 *     ▲                 │
 *     │                 └──reject───▶ rejected ──submit──▶ review
 *   draft, rejected, approved ──cancel──▶ cancelled
 *
 * Only a draft or a rejected record is edited (a rejected one stays
 * rejected until submitted again, straight from rejected) or submitted;
 * anything else is KH_ECONFLICT naming "status". Who submits and cancels a
 * draft: whoever may change the record's customer; who approves, rejects
 * and cancels an approved one: the owner's superior (kh_perm_approve). The
 * decision is stored on the record (status, submitted_at, approver_id,
 * decided_at, approval_comment) and in the audit log, and what follows
 * from it (a contract's order, a plan's received amount) is written by the
 * kind's hook in the same transaction.
 */
#ifndef KH_APPROVAL_H
#define KH_APPROVAL_H

#include <jansson.h>
#include <stdint.h>

#include "service/entity.h"

#define KH_APPROVAL_COMMENT_MAX 500

enum kh_approval_action {
	KH_APPROVAL_SUBMIT,
	KH_APPROVAL_APPROVE,
	KH_APPROVAL_REJECT,
	KH_APPROVAL_CANCEL,
};

struct kh_approval_kind {
	const struct kh_entity *entity; /* its table has the approval columns */
	/* Inside the transaction, before the status changes; row is the stored
	 * row: the kind's own refusals (a receipt over its contract). May be NULL. */
	int (*before)(struct kh_ctx *ctx, enum kh_approval_action a, int64_t id, json_t *row,
		      struct kh_error *err);
	/* After the status changed, with the row as it was. sys acts as the
	 * system (the decider has decided; what follows is kehu's) but audits as
	 * the actor. May be NULL. */
	int (*after)(struct kh_ctx *sys, enum kh_approval_action a, int64_t id, json_t *row,
		     struct kh_error *err);
};

/* "submit", "approve", "reject", "cancel" -> the action; KH_EINVAL else. */
int kh_approval_parse(const char *verb, enum kh_approval_action *out);

/* Do action a on record id of kind k. body: NULL or {"comment": "..."}
 * (at most 500 characters; required to reject). */
int kh_approval_act(struct kh_ctx *ctx, const struct kh_approval_kind *k, int64_t id,
		    enum kh_approval_action a, json_t *body, struct kh_error *err);

/* The check_write part of the machine: a change (cols: the columns to
 * write) of stored row old (NULL on create: fine) of what is refused unless
 * it is a draft or rejected; writing what is there already is no change
 * (cols NULL: a change of what has no column, a contract's lines). */
int kh_approval_check_editable(const char *what, int64_t id, json_t *old, json_t *cols,
			       struct kh_error *err);

/* The list of e with params, but only the records in review the actor may
 * decide (the approval queue, awaiting=me), in the actor's data scope. */
int kh_approval_queue(struct kh_ctx *ctx, const struct kh_entity *e,
		      const struct kh_list_params *params, json_t **out, struct kh_error *err);

/* A context acting as the system over ctx's store, auditing as ctx's actor;
 * release with kh_approval_system_release. */
void kh_approval_system(struct kh_ctx *ctx, struct kh_ctx *sys);
void kh_approval_system_release(struct kh_ctx *sys);

#endif
