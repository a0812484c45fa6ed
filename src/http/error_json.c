/* error_json.c: error answers in the caller's language (see error_json.h). */
#include "http/error_json.h"

#include "base/banned.h"

json_t *kh_http_error_json(struct MHD_Connection *conn, const char *code, const char *field,
			   const char *message, const struct kh_error *err)
{
	enum kh_lang lang = kh_lang_from_accept(
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language"));
	const char *reason = code, *text = message;
	json_t *e;

	if (err) {
		field = err->field;
		reason = err->reason ? err->reason : code;
		text = kh_error_text(err, lang);
	} else {
		const struct kh_message *m = kh_message_find(message);

		if (m) {
			reason = m->reason;
			text = lang == KH_LANG_ZH ? m->zh : message;
		}
	}
	if (!text || !*text)
		text = code;
	e = json_pack("{s:s, s:s, s:s}", "code", code, "reason", reason, "message", text);
	/* Messages come from our own format strings, but may quote input:
	 * json_pack refuses invalid UTF-8, so fall back to a plain message. */
	if (!e)
		e = json_pack("{s:s, s:s, s:s}", "code", code, "reason", reason, "message",
			      "invalid input");
	if (field && *field)
		json_object_set_new(e, "field", json_string(field));
	return json_pack("{s:o}", "error", e);
}
