/*
** pages.c — briefc serve's HTML pages and JSON bodies: the list of briefs, a brief's form
** (made from its params, plain HTML that works without JavaScript: the form previews into a
** frame beside it and a second button downloads), the params as JSON Schema, and errors.
** Every text from a brief or a request is escaped here.
*/
#include "serve/serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

const char bc_serve_css[] =
    "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}\n"
    "header,main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}\n"
    "header{border-bottom:1px solid #ccc}\nh1{font-size:1.6rem;margin:.2rem 0}\n"
    "a{color:#0b4f8a}\na:focus,button:focus,input:focus,select:focus{outline:3px solid #f0a000;"
    "outline-offset:2px}\n"
    "ul.briefs{list-style:none;padding:0}\nul.briefs li{margin:0 0 1.2rem}\n"
    ".muted{color:#4a4a4a}\n.error{color:#8a0000;white-space:pre-wrap}\n"
    ".split{display:flex;gap:2rem;flex-wrap:wrap}\nform{flex:0 0 20rem}\n"
    "label{display:block;font-weight:600;margin-top:.8rem}\n"
    "input,select{font:inherit;width:100%;box-sizing:border-box;padding:.3rem}\n"
    "button{font:inherit;margin:1rem .5rem 0 0;padding:.4rem 1rem;color:#fff;"
    "background:#0b4f8a;border:0;border-radius:3px;cursor:pointer}\n"
    "iframe{flex:1 1 30rem;min-height:80vh;border:1px solid #ccc}\n";

void bc_serve_html_text(bc_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': bc_buf_adds(b, "&lt;"); break;
        case '>': bc_buf_adds(b, "&gt;"); break;
        case '&': bc_buf_adds(b, "&amp;"); break;
        case '"': bc_buf_adds(b, "&quot;"); break;
        case '\'': bc_buf_adds(b, "&#39;"); break;
        default: bc_buf_add(b, s, 1);
        }
    }
}

void bc_serve_page_head(bc_buf *b, const char *title)
{
    bc_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<title>");
    bc_serve_html_text(b, title);
    bc_buf_adds(b, "</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body>\n");
}

void bc_serve_page_tail(bc_buf *b) { bc_buf_adds(b, "</body></html>\n"); }

static const char *field(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

void bc_serve_page_index(bc_buf *b, char **names, char **describes, char **errors,
                         const struct timespec *changed)
{
    bc_serve_page_head(b, "Briefs");
    bc_buf_adds(b, "<header><h1>Briefs</h1><p class=\"muted\">Pick a brief, set its parameters, "
                   "get the PDF.</p></header>\n<main><ul class=\"briefs\">\n");
    for (int i = 0; names[i]; i++) {
        cJSON *d = describes[i] ? cJSON_Parse(describes[i]) : NULL;
        const char *title = d ? field(d, "title") : NULL;
        bc_buf_adds(b, "<li><a href=\"/briefs/");
        bc_serve_html_text(b, names[i]);
        bc_buf_adds(b, "\">");
        bc_serve_html_text(b, title ? title : names[i]);
        bc_buf_adds(b, "</a>");
        const char *sub = d ? field(d, "subtitle") : NULL, *desc = d ? field(d, "subject") : NULL;
        if (sub) {
            bc_buf_adds(b, "<br><span>");
            bc_serve_html_text(b, sub);
            bc_buf_adds(b, "</span>");
        }
        if (desc) {
            bc_buf_adds(b, "<br><span class=\"muted\">");
            bc_serve_html_text(b, desc);
            bc_buf_adds(b, "</span>");
        }
        if (!d && errors[i]) {
            bc_buf_adds(b, "<br><span class=\"error\">");
            bc_serve_html_text(b, errors[i]);
            bc_buf_adds(b, "</span>");
        }
        char when[64] = "";
        struct tm tm;
        if (changed[i].tv_sec && gmtime_r(&changed[i].tv_sec, &tm))
            strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
        if (when[0]) bc_buf_printf(b, "<br><small class=\"muted\">Last changed %s</small>", when);
        bc_buf_adds(b, "</li>\n");
        cJSON_Delete(d);
    }
    if (!names[0]) bc_buf_adds(b, "<li>No briefs in this folder.</li>\n");
    bc_buf_adds(b, "</ul></main>\n");
    bc_serve_page_tail(b);
}

void bc_serve_number(char *out, size_t cap, double v)
{
    if (v == (double)(long long)v && v > -1e15 && v < 1e15) {
        snprintf(out, cap, "%lld", (long long)v);
        return;
    }
    snprintf(out, cap, "%.17g", v);
    for (int p = 1; p < 17; p++) {
        char t[64];
        snprintf(t, sizeof t, "%.*g", p, v);
        if (strtod(t, NULL) == v) {
            snprintf(out, cap, "%s", t);
            return;
        }
    }
}

static void number_text(bc_buf *b, double v)
{
    char t[64];
    bc_serve_number(t, sizeof t, v);
    bc_buf_adds(b, t);
}

void bc_serve_page_form(bc_buf *b, const char *name, const char *describe)
{
    cJSON *d = cJSON_Parse(describe);
    const char *title = d ? field(d, "title") : NULL;
    bc_serve_page_head(b, title ? title : name);
    bc_buf_adds(b, "<header><p><a href=\"/\">All briefs</a></p><h1>");
    bc_serve_html_text(b, title ? title : name);
    bc_buf_adds(b, "</h1>");
    const char *sub = d ? field(d, "subtitle") : NULL;
    if (sub) {
        bc_buf_adds(b, "<p class=\"muted\">");
        bc_serve_html_text(b, sub);
        bc_buf_adds(b, "</p>");
    }
    bc_buf_adds(b, "</header>\n<main class=\"split\">\n<form method=\"get\" action=\"/briefs/");
    bc_serve_html_text(b, name);
    bc_buf_adds(b, ".pdf\" target=\"preview\">\n");
    const cJSON *ps = d ? cJSON_GetObjectItemCaseSensitive(d, "params") : NULL, *p;
    int n = 0;
    cJSON_ArrayForEach(p, ps)
    {
        const char *pn = field(p, "name"), *type = field(p, "type");
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(p, "default");
        if (!pn || !type) continue;
        n++;
        bc_buf_adds(b, "<label for=\"p-");
        bc_serve_html_text(b, pn);
        bc_buf_adds(b, "\">");
        bc_serve_html_text(b, pn);
        bc_buf_printf(b, " <small class=\"muted\">(%s)</small></label>\n", type);
        if (!strcmp(type, "boolean")) {
            bc_buf_adds(b, "<select id=\"p-");
            bc_serve_html_text(b, pn);
            bc_buf_adds(b, "\" name=\"");
            bc_serve_html_text(b, pn);
            int on = cJSON_IsTrue(def);
            bc_buf_printf(b,
                          "\"><option value=\"true\"%s>true</option><option value=\"false\"%s>"
                          "false</option></select>\n",
                          on ? " selected" : "", on ? "" : " selected");
            continue;
        }
        int num = !strcmp(type, "integer") || !strcmp(type, "number");
        bc_buf_printf(b, "<input type=\"%s\"%s id=\"p-", num ? "number" : "text",
                      !strcmp(type, "integer") ? " step=\"1\""
                      : num                    ? " step=\"any\""
                                               : "");
        bc_serve_html_text(b, pn);
        bc_buf_adds(b, "\" name=\"");
        bc_serve_html_text(b, pn);
        bc_buf_adds(b, "\" value=\"");
        if (cJSON_IsNumber(def))
            number_text(b, def->valuedouble);
        else if (cJSON_IsString(def))
            bc_serve_html_text(b, def->valuestring);
        bc_buf_adds(b, "\">\n");
    }
    if (!n) bc_buf_adds(b, "<p class=\"muted\">This brief has no parameters.</p>\n");
    bc_buf_adds(b, "<button type=\"submit\">Preview</button>"
                   "<button type=\"submit\" name=\"_download\" value=\"1\" formtarget=\"_self\">"
                   "Download PDF</button>\n</form>\n<iframe name=\"preview\" title=\"PDF preview\" "
                   "src=\"/briefs/");
    bc_serve_html_text(b, name);
    bc_buf_adds(b, ".pdf\"></iframe>\n</main>\n");
    bc_serve_page_tail(b);
    cJSON_Delete(d);
}

void bc_serve_params_schema(bc_buf *b, const char *name, const char *describe)
{
    cJSON *d = cJSON_Parse(describe);
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "$schema", "https://json-schema.org/draft/2020-12/schema");
    const char *title = d ? field(d, "title") : NULL;
    cJSON_AddStringToObject(s, "title", title ? title : name);
    cJSON_AddStringToObject(s, "type", "object");
    cJSON *props = cJSON_AddObjectToObject(s, "properties");
    const cJSON *ps = d ? cJSON_GetObjectItemCaseSensitive(d, "params") : NULL, *p;
    cJSON_ArrayForEach(p, ps)
    {
        const char *pn = field(p, "name"), *type = field(p, "type");
        if (!pn || !type) continue;
        cJSON *q = cJSON_AddObjectToObject(props, pn);
        cJSON_AddStringToObject(q, "type", type);
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(p, "default");
        if (def) cJSON_AddItemToObject(q, "default", cJSON_Duplicate(def, 1));
    }
    cJSON_AddBoolToObject(s, "additionalProperties", 0);
    char *t = cJSON_Print(s);
    if (t) bc_buf_adds(b, t);
    bc_buf_adds(b, "\n");
    free(t);
    cJSON_Delete(s);
    cJSON_Delete(d);
}

void bc_serve_page_error(bc_buf *b, int code, const char *what, const char *diag)
{
    char title[64];
    snprintf(title, sizeof title, "Error %d", code);
    bc_serve_page_head(b, title);
    bc_buf_adds(b, "<header><p><a href=\"/\">All briefs</a></p><h1>");
    bc_serve_html_text(b, what);
    bc_buf_adds(b, "</h1></header>\n<main>");
    if (diag && diag[0]) {
        bc_buf_adds(b, "<pre class=\"error\">");
        bc_serve_html_text(b, diag);
        bc_buf_adds(b, "</pre>");
    }
    bc_buf_adds(b, "</main>\n");
    bc_serve_page_tail(b);
}

void bc_serve_json_error(bc_buf *b, int code, const char *file, int line, const char *msg,
                         const char *diag)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", code);
    cJSON_AddStringToObject(o, "error", msg ? msg : "");
    if (file && file[0]) cJSON_AddStringToObject(o, "file", file);
    if (line > 0) cJSON_AddNumberToObject(o, "line", line);
    if (diag && diag[0]) cJSON_AddStringToObject(o, "message", diag);
    char *t = cJSON_PrintUnformatted(o);
    if (t) bc_buf_adds(b, t);
    bc_buf_adds(b, "\n");
    free(t);
    cJSON_Delete(o);
}
