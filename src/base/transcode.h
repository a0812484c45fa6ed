/*
 * transcode.h: a text file's bytes as UTF-8, whatever it was saved in,
 * decided in this order: a byte-order mark (UTF-8, UTF-16 LE or BE: Excel's
 * "CSV UTF-8" and "Unicode text"), else strict UTF-8, else GB18030 (what
 * Chinese Excel and WPS save without a mark; GBK and GB2312 are subsets),
 * decoded by glibc's iconv. Streaming: a fixed 128 KiB buffer, whatever the
 * size of the file.
 *
 * Without a mark the choice waits for the first byte that is not ASCII (the
 * two agree on ASCII, so a late first Chinese character costs nothing) and is
 * made from up to 64 KiB from there: UTF-8 when they are valid UTF-8, else
 * GB18030. The rest of the file is then held to that choice: a later byte
 * sequence that is not valid in it is an error (the file mixes encodings),
 * reported after every byte before it was handed out, so the reader on top
 * can name the line.
 */
#ifndef KH_TRANSCODE_H
#define KH_TRANSCODE_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#include "base/error.h"

enum kh_text_encoding {
	KH_ENC_UNDECIDED = 0, /* only ASCII so far (read as UTF-8) */
	KH_ENC_UTF8,
	KH_ENC_GB18030,
	KH_ENC_UTF16LE,
	KH_ENC_UTF16BE,
};

#define KH_TRANSCODE_BUF (128u * 1024)
#define KH_TRANSCODE_LOOKAHEAD (64u * 1024)

struct kh_transcode {
	FILE *fp;                 /* not owned; NULL when reading memory */
	const unsigned char *raw; /* undecoded bytes: the memory read, or buf */
	unsigned char *buf;       /* KH_TRANSCODE_BUF bytes for a file, at first read */
	size_t raw_pos, raw_len;
	int raw_eof, started;
	enum kh_text_encoding enc;
	void *cd;                 /* iconv_t, or NULL */
	uint64_t raw_total;       /* bytes taken from the input so far */
	struct kh_error failed;   /* set once a bad sequence was met */
};

/* Read fp or data[0..len) (neither owned, both outlive the decoder; memory
 * is decoded in place). kh_transcode_release frees what decoding opened. */
void kh_transcode_init_file(struct kh_transcode *t, FILE *fp);
void kh_transcode_init_mem(struct kh_transcode *t, const void *data, size_t len);
void kh_transcode_release(struct kh_transcode *t);

/* Fill buf[0..cap) (cap >= 16) with the next UTF-8 bytes: their count, 0 at
 * the end, or a negative code: KH_EINVAL (a sequence that is not valid in
 * the file's encoding, or the file ends inside a character), KH_EIO, with
 * err->message saying which bytes (no line: the caller knows it). The
 * signature is kh_csv_read_fn's: pass the decoder as ctx. */
long kh_transcode_read(void *t, char *buf, size_t cap, struct kh_error *err);

/* What was found: "UTF-8" (also for ASCII only so far), "GB18030",
 * "UTF-16LE", "UTF-16BE". */
const char *kh_transcode_encoding(const struct kh_transcode *t);

/* Bytes of the input consumed so far (for progress). */
uint64_t kh_transcode_consumed(const struct kh_transcode *t);

/* How many bytes at the start of s[0..len) are valid UTF-8 (strict: no
 * overlong forms, surrogates or code points past U+10FFFF). *incomplete is
 * set when what stops it is a sequence cut by the end of s. */
size_t kh_utf8_valid_prefix(const unsigned char *s, size_t len, int *incomplete);

#endif
