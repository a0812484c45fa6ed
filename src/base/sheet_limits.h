/*
 * sheet_limits.h: the bounds of the spreadsheet reader (sheet.h), in a
 * header of their own so the xlsx reader behind sheet.c can take them
 * without including sheet.h back.
 */
#ifndef KH_SHEET_LIMITS_H
#define KH_SHEET_LIMITS_H

#include <stddef.h>
#include <stdint.h>

/* Bounds on what one file may make the reader hold or do; every one hit is
 * a KH_ELIMIT error naming it. 0 anywhere means the default. */
struct kh_sheet_limits {
	size_t max_row_bytes;       /* text of one row (64 KiB) */
	size_t max_fields;          /* fields of one row (256) */
	size_t max_cell_bytes;      /* xlsx: text of one cell (32 KiB) */
	size_t max_shared_strings;  /* xlsx: entries of the shared string table (16 M) */
	size_t max_shared_bytes;    /* xlsx: their text, all held in memory (512 MiB) */
	uint64_t max_part_bytes;    /* xlsx: a part's size unzipped: zip bombs (4 GiB) */
};

#endif
