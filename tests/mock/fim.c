// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fim.c: POST /v1/fim/completions (API-NOTES.md §7): the checks of its
 * request body, and a deterministic code completion between the prompt
 * and the suffix, answered in the chat shapes (plain or streamed, with
 * chat's magic models) by chat.c.
 *
 * The completion: when the prompt's last line opens a function (ends in
 * ":" or "{"), a return of its parameters joined by " + " ("def add(a, b):"
 * gives "return a + b"; C gets a ";"), else "pass".
 */

#include "mock-server-private.h"

#define FIM_PATH "/v1/fim/completions"

static const char * const request_keys[] = {
  "model", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed", "metadata",
  "prompt", "suffix", "min_tokens", "prompt_cache_key", NULL
};

static JsonArray *
fim_validate (JsonNode *root)
{
  static const MockBounds non_negative = { .has_ge = TRUE, .ge = 0 };
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();

  json_array_add_string_element (loc, "body");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                      "Input should be a valid dictionary or object to extract fields from", root, NULL);
      return detail;
    }

  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  mock_check_sampling (detail, root, loc);
  mock_check_member (detail, root, "prompt", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  mock_check_member (detail, root, "suffix", loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
  mock_check_member (detail, root, "min_tokens", loc, MOCK_KIND_INT, FALSE, TRUE, &non_negative);
  mock_check_member (detail, root, "prompt_cache_key", loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
  mock_check_extra (detail, root, loc, request_keys);
  return detail;
}

/* The name of a parameter: its last word, without a type annotation
 * ("x: int"), a default ("x=1") or pointer stars ("char *s"). */
static char *
fim_parameter_name (const char *parameter)
{
  g_autofree char *copy = g_strdup (parameter);
  char *end = copy + strcspn (copy, ":=");
  char *start;

  *end = '\0';
  g_strstrip (copy);
  start = strrchr (copy, ' ');
  start = start != NULL ? start + 1 : copy;
  while (*start == '*' || *start == '&')
    start++;
  return g_strdup (start);
}

static char *
fim_text_for (JsonObject *request,
              guint      *prompt_tokens)
{
  const char *prompt = mock_object_get_string (request, "prompt");
  const char *suffix = mock_object_get_string (request, "suffix");
  g_auto(GStrv) lines = g_strsplit (prompt, "\n", -1);
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = g_strconcat (prompt, " ", suffix != NULL ? suffix : "", NULL);
  g_autofree char *tail = NULL;
  const char *open, *close;
  gboolean c_like;

  words = g_strsplit_set (joined, " \t\n", -1);
  *prompt_tokens = 0;
  for (guint i = 0; words[i] != NULL; i++)
    *prompt_tokens += *words[i] != '\0';

  for (guint i = g_strv_length (lines); i > 0 && tail == NULL; i--)
    if (*g_strstrip (lines[i - 1]) != '\0')
      tail = g_strdup (lines[i - 1]);
  if (tail == NULL)
    return g_strdup ("pass");

  c_like = g_str_has_suffix (tail, "{");
  open = strchr (tail, '(');
  close = open != NULL ? strrchr (tail, ')') : NULL;
  if ((c_like || g_str_has_suffix (tail, ":")) && open != NULL && close != NULL && close > open)
    {
      g_autofree char *inside = g_strndup (open + 1, close - open - 1);
      g_auto(GStrv) parameters = g_strsplit (inside, ",", -1);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sum = NULL;

      for (guint i = 0; parameters[i] != NULL; i++)
        {
          char *name = fim_parameter_name (parameters[i]);

          if (*name == '\0' || strcmp (name, "self") == 0 || strcmp (name, "void") == 0)
            g_free (name);
          else
            g_ptr_array_add (names, name);
        }
      g_ptr_array_add (names, NULL);
      sum = names->len > 1 ? g_strjoinv (" + ", (char **) names->pdata) : g_strdup (c_like ? "0" : "None");
      return g_strdup_printf ("return %s%s", sum, c_like ? ";" : "");
    }
  return g_strdup ("pass");
}

static void
fim_serve (MockServer        *self,
           SoupServerMessage *msg,
           JsonObject        *request)
{
  mock_serve_text_completion (self, msg, request, fim_text_for);
}

/* The FIM area's endpoints (listed in mock_areas[], server.c). */
const MockEndpoint mock_fim_endpoints[] = {
  { "POST", FIM_PATH, fim_validate, fim_serve },
  { NULL }
};
