// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Structured output into GObjects (app/mistral-structured-output.c): the
 * schema made from a class's properties, whole, for every property type;
 * types refused (unsupported, cycles, not objects); a request sending it;
 * replies parsed into instances, and every way a reply can fail to fit,
 * each naming its member. */

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

/* The types described --------------------------------------------------- */

typedef enum {
  TEST_MOOD_CALM,
  TEST_MOOD_GLAD,
  TEST_MOOD_GRUMPY,
} TestMood;

static const GEnumValue test_mood_values[] = {
  { TEST_MOOD_CALM, "TEST_MOOD_CALM", "calm" },
  { TEST_MOOD_GLAD, "TEST_MOOD_GLAD", "glad" },
  { TEST_MOOD_GRUMPY, "TEST_MOOD_GRUMPY", "grumpy" },
  { 0, NULL, NULL },
};

typedef enum {
  TEST_DIET_NONE = 0,
  TEST_DIET_VEGAN = 1 << 0,
  TEST_DIET_HALAL = 1 << 1,
  TEST_DIET_KOSHER = 1 << 2,
} TestDiet;

static const GFlagsValue test_diet_values[] = {
  { TEST_DIET_NONE, "TEST_DIET_NONE", "none" },
  { TEST_DIET_VEGAN, "TEST_DIET_VEGAN", "vegan" },
  { TEST_DIET_HALAL, "TEST_DIET_HALAL", "halal" },
  { TEST_DIET_KOSHER, "TEST_DIET_KOSHER", "kosher" },
  { 0, NULL, NULL },
};

static GType
test_mood_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("TestMood", test_mood_values));
  return type;
}

static GType
test_diet_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_flags_register_static ("TestDiet", test_diet_values));
  return type;
}

/* A GObject whose properties are all kept in a GValue table, so that each
 * test type is only its class_init. */
typedef struct {
  GObject parent_instance;
  GValue *values;
} TestBag;

typedef struct {
  GObjectClass parent_class;
} TestBagClass;

static GType test_bag_get_type (void);

G_DEFINE_TYPE (TestBag, test_bag, G_TYPE_OBJECT)

static GValue *
test_bag_value (TestBag    *self,
                GParamSpec *pspec)
{
  if (self->values == NULL)
    self->values = g_new0 (GValue, 32);
  g_assert_cmpuint (pspec->param_id, <, 32);
  if (!G_IS_VALUE (&self->values[pspec->param_id]))
    {
      g_value_init (&self->values[pspec->param_id], pspec->value_type);
      g_param_value_set_default (pspec, &self->values[pspec->param_id]);
    }
  return &self->values[pspec->param_id];
}

static void
test_bag_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  g_value_copy (test_bag_value ((TestBag *) object, pspec), value);
}

static void
test_bag_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GValue *slot = test_bag_value ((TestBag *) object, pspec);

  g_value_unset (slot);
  g_value_init (slot, pspec->value_type);
  g_value_copy (value, slot);
}

static void
test_bag_finalize (GObject *object)
{
  TestBag *self = (TestBag *) object;

  for (guint i = 0; self->values != NULL && i < 32; i++)
    if (G_IS_VALUE (&self->values[i]))
      g_value_unset (&self->values[i]);
  g_free (self->values);
  G_OBJECT_CLASS (test_bag_parent_class)->finalize (object);
}

static void
test_bag_class_init (TestBagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_bag_get_property;
  object_class->set_property = test_bag_set_property;
  object_class->finalize = test_bag_finalize;
}

static void
test_bag_init (TestBag *self)
{
}

#define RW (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)

/* Defines a subclass of TestBag named Test##Name whose class_init installs
 * its properties, the GParamSpecs made by the code that follows. */
#define TEST_BAG_TYPE(Name, name)                                          \
  static void name##_class_init (gpointer klass, gpointer data);           \
  static GType                                                             \
  name##_get_type (void)                                                   \
  {                                                                        \
    static gsize type;                                                     \
    if (g_once_init_enter (&type))                                         \
      g_once_init_leave (&type,                                            \
        g_type_register_static_simple (test_bag_get_type (), "Test" #Name, \
                                       sizeof (TestBagClass),              \
                                       name##_class_init,                  \
                                       sizeof (TestBag), NULL, 0));        \
    return type;                                                           \
  }

/* GObject does not inherit the property accessors: each class sets them. */
static void
install (gpointer     klass,
         GParamSpec **pspecs,
         guint        n_pspecs)
{
  G_OBJECT_CLASS (klass)->get_property = test_bag_get_property;
  G_OBJECT_CLASS (klass)->set_property = test_bag_set_property;
  for (guint i = 0; i < n_pspecs; i++)
    g_object_class_install_property (klass, i + 1, pspecs[i]);
}

TEST_BAG_TYPE (Address, test_address)
static void
test_address_class_init (gpointer klass,
                         gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_string ("city", NULL, "The city's name", NULL, RW),
    g_param_spec_uint ("post-code", NULL, NULL, 0, 99999, 0, RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

/* Every supported kind, with the ranges of some narrowed, a property read
 * only and one written only (both left out), and a construct-only one. */
TEST_BAG_TYPE (Person, test_person)
static void
test_person_class_init (gpointer klass,
                        gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_string ("name", NULL, "The person's full name", NULL, RW),
    g_param_spec_int ("age", NULL, "Age in years", 0, 150, 0, RW),
    g_param_spec_double ("height", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, RW),
    g_param_spec_float ("score", NULL, NULL, 0, 10, 0, RW),
    g_param_spec_boolean ("adult", NULL, NULL, FALSE, RW),
    g_param_spec_enum ("mood", NULL, "How they feel", test_mood_get_type (), TEST_MOOD_CALM, RW),
    g_param_spec_flags ("diet", NULL, NULL, test_diet_get_type (), 0, RW),
    g_param_spec_boxed ("nicknames", NULL, NULL, G_TYPE_STRV, RW),
    g_param_spec_object ("home", NULL, "Where they live", test_address_get_type (), RW),
    g_param_spec_object ("work", NULL, NULL, test_address_get_type (), RW),
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY),
    g_param_spec_string ("read-only", NULL, NULL, NULL, G_PARAM_READABLE),
    g_param_spec_string ("write-only", NULL, NULL, NULL, G_PARAM_WRITABLE),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

/* Every integer type: full ranges (no bounds written) and narrowed ones. */
TEST_BAG_TYPE (Integers, test_integers)
static void
test_integers_class_init (gpointer klass,
                          gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_char ("c", NULL, NULL, G_MININT8, G_MAXINT8, 0, RW),
    g_param_spec_uchar ("uc", NULL, NULL, 0, G_MAXUINT8, 0, RW),
    g_param_spec_int ("i", NULL, NULL, G_MININT, G_MAXINT, 0, RW),
    g_param_spec_uint ("u", NULL, NULL, 0, G_MAXUINT, 0, RW),
    g_param_spec_long ("l", NULL, NULL, G_MINLONG, G_MAXLONG, 0, RW),
    g_param_spec_ulong ("ul", NULL, NULL, 0, G_MAXULONG, 0, RW),
    g_param_spec_int64 ("i64", NULL, NULL, G_MININT64, G_MAXINT64, 0, RW),
    g_param_spec_uint64 ("u64", NULL, NULL, 0, G_MAXUINT64, 0, RW),
    g_param_spec_char ("small-c", NULL, NULL, -5, 5, 0, RW),
    g_param_spec_uchar ("small-uc", NULL, NULL, 1, 9, 1, RW),
    g_param_spec_long ("small-l", NULL, NULL, -7, 7, 0, RW),
    g_param_spec_ulong ("small-ul", NULL, NULL, 2, 8, 2, RW),
    g_param_spec_int64 ("small-i64", NULL, NULL, -1000, 1000, 0, RW),
    g_param_spec_uint64 ("small-u64", NULL, NULL, 3, 4000, 3, RW),
    g_param_spec_double ("small-d", NULL, NULL, -0.5, 0.5, 0, RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

/* Cycles: a node holding a node, and two types holding each other. */
static GType test_ping_get_type (void);

TEST_BAG_TYPE (Node, test_node)
static void
test_node_class_init (gpointer klass,
                      gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_string ("label", NULL, NULL, NULL, RW),
    g_param_spec_object ("next", NULL, NULL, test_node_get_type (), RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

TEST_BAG_TYPE (Pong, test_pong)
static void
test_pong_class_init (gpointer klass,
                      gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_object ("ping", NULL, NULL, test_ping_get_type (), RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

TEST_BAG_TYPE (Ping, test_ping)
static void
test_ping_class_init (gpointer klass,
                      gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_object ("pong", NULL, NULL, test_pong_get_type (), RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

/* Unsupported: a boxed type other than strv, nested one level down. */
TEST_BAG_TYPE (Appointment, test_appointment)
static void
test_appointment_class_init (gpointer klass,
                             gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_string ("title", NULL, NULL, NULL, RW),
    g_param_spec_boxed ("when", NULL, NULL, G_TYPE_DATE_TIME, RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

TEST_BAG_TYPE (Calendar, test_calendar)
static void
test_calendar_class_init (gpointer klass,
                          gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_object ("next-appointment", NULL, NULL, test_appointment_get_type (), RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

/* A property holding an interface, which cannot be instantiated. */
TEST_BAG_TYPE (Holder, test_holder)
static void
test_holder_class_init (gpointer klass,
                        gpointer data)
{
  GParamSpec *pspecs[] = {
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, RW),
  };

  install (klass, pspecs, G_N_ELEMENTS (pspecs));
}

/* The schema ------------------------------------------------------------ */

#define ADDRESS_SCHEMA(description)                                                          \
  "{\"type\":\"object\",\"properties\":{"                                                    \
  "\"city\":{\"type\":\"string\",\"description\":\"The city's name\"},"                      \
  "\"post_code\":{\"type\":\"integer\",\"maximum\":99999}},"                                 \
  "\"required\":[\"city\",\"post_code\"],\"additionalProperties\":false" description "}"

#define PERSON_SCHEMA                                                                        \
  "{\"type\":\"object\",\"properties\":{"                                                    \
  "\"name\":{\"type\":\"string\",\"description\":\"The person's full name\"},"               \
  "\"age\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":150,\"description\":\"Age in years\"}," \
  "\"height\":{\"type\":\"number\"},"                                                         \
  "\"score\":{\"type\":\"number\",\"minimum\":0.0,\"maximum\":10.0},"                         \
  "\"adult\":{\"type\":\"boolean\"},"                                                         \
  "\"mood\":{\"type\":\"string\",\"enum\":[\"calm\",\"glad\",\"grumpy\"],\"description\":\"How they feel\"}," \
  "\"diet\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"vegan\",\"halal\",\"kosher\"]}," \
  "\"uniqueItems\":true},"                                                                    \
  "\"nicknames\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"                       \
  "\"home\":" ADDRESS_SCHEMA (",\"description\":\"Where they live\"") ","                     \
  "\"work\":" ADDRESS_SCHEMA ("") ","                                                         \
  "\"id\":{\"type\":\"string\"}},"                                                            \
  "\"required\":[\"name\",\"age\",\"height\",\"score\",\"adult\",\"mood\",\"diet\",\"nicknames\"," \
  "\"home\",\"work\",\"id\"],\"additionalProperties\":false}"

static char *
schema_text (MistralResponseFormat *format)
{
  return json_to_string (mistral_response_format_get_schema (format), FALSE);
}

static void
test_schema_every_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralResponseFormat) format = NULL;
  g_autofree char *schema = NULL;

  format = mistral_response_format_new_for_type_full (test_person_get_type (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (MISTRAL_IS_RESPONSE_FORMAT (format));
  g_assert_cmpint (mistral_response_format_get_format_type (format), ==, MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA);
  g_assert_cmpstr (mistral_response_format_get_name (format), ==, "TestPerson");
  g_assert_true (mistral_response_format_get_strict (format));
  g_assert_null (mistral_response_format_get_description (format));

  schema = schema_text (format);
  g_assert_cmpstr (schema, ==, PERSON_SCHEMA);
}

static void
test_schema_integers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralResponseFormat) format = NULL;
  g_autofree char *schema = NULL;

  format = mistral_response_format_new_for_type_full (test_integers_get_type (), "numbers", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_response_format_get_name (format), ==, "numbers");

  schema = schema_text (format);
  g_assert_cmpstr (schema, ==,
                   "{\"type\":\"object\",\"properties\":{"
                   "\"c\":{\"type\":\"integer\"},\"uc\":{\"type\":\"integer\"},"
                   "\"i\":{\"type\":\"integer\"},\"u\":{\"type\":\"integer\"},"
                   "\"l\":{\"type\":\"integer\"},\"ul\":{\"type\":\"integer\"},"
                   "\"i64\":{\"type\":\"integer\"},\"u64\":{\"type\":\"integer\"},"
                   "\"small_c\":{\"type\":\"integer\",\"minimum\":-5,\"maximum\":5},"
                   "\"small_uc\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9},"
                   "\"small_l\":{\"type\":\"integer\",\"minimum\":-7,\"maximum\":7},"
                   "\"small_ul\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":8},"
                   "\"small_i64\":{\"type\":\"integer\",\"minimum\":-1000,\"maximum\":1000},"
                   "\"small_u64\":{\"type\":\"integer\",\"minimum\":3,\"maximum\":4000},"
                   "\"small_d\":{\"type\":\"number\",\"minimum\":-0.5,\"maximum\":0.5}},"
                   "\"required\":[\"c\",\"uc\",\"i\",\"u\",\"l\",\"ul\",\"i64\",\"u64\",\"small_c\","
                   "\"small_uc\",\"small_l\",\"small_ul\",\"small_i64\",\"small_u64\",\"small_d\"],"
                   "\"additionalProperties\":false}");
}

static void
assert_refused (GType       type,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralResponseFormat) format = NULL;

  format = mistral_response_format_new_for_type_full (type, NULL, &error);
  g_assert_null (format);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_schema_cycle (void)
{
  assert_refused (test_node_get_type (),
                  "Cannot describe TestNode.next as JSON: its type TestNode contains itself (a cycle)");
  assert_refused (test_ping_get_type (),
                  "Cannot describe TestPing.pong.ping as JSON: its type TestPing contains itself (a cycle)");
}

static void
test_schema_unsupported (void)
{
  g_autoptr(MistralResponseFormat) format = NULL;

  assert_refused (test_calendar_get_type (),
                  "Cannot describe TestCalendar.next_appointment.when as JSON: its type GDateTime is not "
                  "supported by structured output (strings, integers, numbers, booleans, enums, flags, "
                  "string arrays and objects are)");
  assert_refused (test_holder_get_type (),
                  "Cannot describe TestHolder.items as JSON: its type GListModel is not supported by "
                  "structured output (strings, integers, numbers, booleans, enums, flags, string arrays and "
                  "objects are)");
  assert_refused (G_TYPE_INT, "Cannot describe gint as JSON: gint is not an object type that can be instantiated");
  assert_refused (G_TYPE_INPUT_STREAM,
                  "Cannot describe GInputStream as JSON: GInputStream is not an object type that can be "
                  "instantiated");

  /* The GError-less constructor: a critical, and NULL. */
  g_test_expect_message ("Mistral", G_LOG_LEVEL_CRITICAL, "Cannot describe TestCalendar.next_appointment.when*");
  format = mistral_response_format_new_for_type (test_calendar_get_type ());
  g_test_assert_expected_messages ();
  g_assert_null (format);

  format = mistral_response_format_new_for_type (test_address_get_type ());
  g_assert_nonnull (format);
  g_assert_cmpstr (mistral_response_format_get_name (format), ==, "TestAddress");
}

/* The request ----------------------------------------------------------- */

/* The format goes out as the json_schema response format, and the local
 * server's answer to it (a value for every required member) parses back. */
static void
test_request (TestHttp      *http,
              gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Who?");
  g_autoptr(MistralResponseFormat) format = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GObject) person = NULL;
  g_autoptr(GObject) home = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_auto(GStrv) nicknames = NULL;
  g_autofree char *format_json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *city = NULL;
  JsonObject *body;
  TestMood mood;
  guint diet;

  format = mistral_response_format_new_for_type (test_person_get_type ());
  mistral_chat_completion_request_set_response_format (request, format);
  response = mistral_client_chat_completion (http->client, request, NULL, &error);
  g_assert_no_error (error);

  sent = mock_server_get_last_request (http->server);
  body = mock_request_get_object (sent);
  format_json = json_to_string (json_object_get_member (body, "response_format"), FALSE);
  g_assert_cmpstr (format_json, ==,
                   "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"TestPerson\",\"schema\":"
                   PERSON_SCHEMA ",\"strict\":true}}");

  person = mistral_chat_completion_response_parse (response, test_person_get_type (), &error);
  g_assert_no_error (error);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (person, test_person_get_type ()));
  g_object_get (person, "name", &name, "mood", &mood, "diet", &diet, "nicknames", &nicknames, "home", &home, NULL);
  g_assert_cmpstr (name, ==, "example");
  g_assert_cmpint (mood, ==, TEST_MOOD_CALM);
  g_assert_cmpuint (diet, ==, 0);
  g_assert_cmpstrv (nicknames, ((const char *[]) { NULL }));
  g_object_get (home, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "example");
}

/* Parsing --------------------------------------------------------------- */

/* A response whose one choice's content is @content (or no choice, for
 * NULL). */
static MistralChatCompletionResponse *
response_with (const char *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  MistralChatCompletionResponse *response;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "r1");
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion");
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, 1767261600);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, "mistral-small-latest");
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  if (content != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, 0);
      json_builder_set_member_name (builder, "message");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "assistant");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, content);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "finish_reason");
      json_builder_add_string_value (builder, "stop");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  response = mistral_chat_completion_response_new_from_json (root, &error);
  g_assert_no_error (error);
  return response;
}

#define HOME "{\"city\":\"Lyon\",\"post_code\":69001}"
#define WORK "{\"city\":\"Paris\",\"post_code\":75002}"

/* A valid person, with @member replaced by @value (a JSON text), or left
 * out for NULL; @member NULL leaves it whole. */
static char *
person_with (const char *member,
             const char *value)
{
  const char *names[] = { "name", "age", "height", "score", "adult", "mood", "diet", "nicknames", "home", "work", "id" };
  const char *values[] = { "\"Ada\"", "36", "1.7", "9.5", "true", "\"glad\"", "[\"vegan\",\"kosher\"]",
                           "[\"Countess\",\"Enchantress of Numbers\"]", HOME, WORK, "\"p1\"" };
  GString *text = g_string_new ("{");
  gboolean replaced = member == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *v = values[i];

      if (g_strcmp0 (member, names[i]) == 0)
        {
          v = value;
          replaced = TRUE;
        }
      if (v == NULL)
        continue;
      if (text->len > 1)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "\"%s\":%s", names[i], v);
    }
  /* Not a member of a person: added last. */
  if (!replaced)
    g_string_append_printf (text, ",\"%s\":%s", member, value);
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
test_parse_every_type (void)
{
  g_autofree char *content = person_with (NULL, NULL);
  g_autoptr(MistralChatCompletionResponse) response = response_with (content);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) person = NULL;
  g_autoptr(GObject) home = NULL;
  g_autoptr(GObject) work = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *home_city = NULL;
  g_autofree char *work_city = NULL;
  g_auto(GStrv) nicknames = NULL;
  int age;
  double height;
  float score;
  gboolean adult;
  TestMood mood;
  guint diet, home_code, work_code;

  person = mistral_chat_completion_response_parse (response, test_person_get_type (), &error);
  g_assert_no_error (error);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (person, test_person_get_type ()));
  g_assert_false (g_object_is_floating (person));

  g_object_get (person, "name", &name, "age", &age, "height", &height, "score", &score, "adult", &adult,
                "mood", &mood, "diet", &diet, "nicknames", &nicknames, "home", &home, "work", &work,
                "id", &id, NULL);
  g_assert_cmpstr (name, ==, "Ada");
  g_assert_cmpint (age, ==, 36);
  g_assert_cmpfloat (height, ==, 1.7);
  g_assert_cmpfloat (score, ==, 9.5f);
  g_assert_true (adult);
  g_assert_cmpint (mood, ==, TEST_MOOD_GLAD);
  g_assert_cmpuint (diet, ==, TEST_DIET_VEGAN | TEST_DIET_KOSHER);
  g_assert_cmpstrv (nicknames, ((const char *[]) { "Countess", "Enchantress of Numbers", NULL }));
  g_assert_cmpstr (id, ==, "p1");

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (home, test_address_get_type ()));
  g_assert_true (home != work);
  g_object_get (home, "city", &home_city, "post-code", &home_code, NULL);
  g_object_get (work, "city", &work_city, "post-code", &work_code, NULL);
  g_assert_cmpstr (home_city, ==, "Lyon");
  g_assert_cmpuint (home_code, ==, 69001);
  g_assert_cmpstr (work_city, ==, "Paris");
  g_assert_cmpuint (work_code, ==, 75002);
}

static void
test_parse_integers (void)
{
  g_autoptr(MistralChatCompletionResponse) response = response_with (
    "{\"c\":-128,\"uc\":255,\"i\":-2147483648,\"u\":4294967295,\"l\":-9223372036854775808,"
    "\"ul\":9223372036854775807,\"i64\":9223372036854775807,\"u64\":9223372036854775807,"
    "\"small_c\":-5,\"small_uc\":9,\"small_l\":7,\"small_ul\":2,\"small_i64\":-1000,\"small_u64\":4000,"
    "\"small_d\":0.5}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) numbers = NULL;
  gint8 c, small_c;
  guint8 uc, small_uc;
  int i;
  guint u;
  glong l, small_l;
  gulong ul, small_ul;
  gint64 i64, small_i64;
  guint64 u64, small_u64;
  double small_d;

  numbers = mistral_chat_completion_response_parse (response, test_integers_get_type (), &error);
  g_assert_no_error (error);
  g_object_get (numbers, "c", &c, "uc", &uc, "i", &i, "u", &u, "l", &l, "ul", &ul, "i64", &i64, "u64", &u64,
                "small-c", &small_c, "small-uc", &small_uc, "small-l", &small_l, "small-ul", &small_ul,
                "small-i64", &small_i64, "small-u64", &small_u64, "small-d", &small_d, NULL);
  g_assert_cmpint (c, ==, -128);
  g_assert_cmpuint (uc, ==, 255);
  g_assert_cmpint (i, ==, G_MININT);
  g_assert_cmpuint (u, ==, G_MAXUINT);
  g_assert_cmpint (l, ==, G_MINLONG);
  g_assert_cmpuint (ul, ==, G_MAXLONG);
  g_assert_cmpint (i64, ==, G_MAXINT64);
  g_assert_cmpuint (u64, ==, G_MAXINT64);
  g_assert_cmpint (small_c, ==, -5);
  g_assert_cmpuint (small_uc, ==, 9);
  g_assert_cmpint (small_l, ==, 7);
  g_assert_cmpuint (small_ul, ==, 2);
  g_assert_cmpint (small_i64, ==, -1000);
  g_assert_cmpuint (small_u64, ==, 4000);
  g_assert_cmpfloat (small_d, ==, 0.5);
}

static void
assert_parse_fails (GType       type,
                    const char *content,
                    const char *message)
{
  g_autoptr(MistralChatCompletionResponse) response = response_with (content);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;

  object = mistral_chat_completion_response_parse (response, type, &error);
  g_assert_null (object);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_person_fails (const char *member,
                     const char *value,
                     const char *message)
{
  g_autofree char *content = person_with (member, value);

  assert_parse_fails (test_person_get_type (), content, message);
}

static void
test_parse_missing (void)
{
  assert_person_fails ("age", NULL, "Invalid response: content.age is missing");
  assert_person_fails ("work", "{\"city\":\"Paris\"}", "Invalid response: content.work.post_code is missing");
  /* The construct-only property is required too. */
  assert_person_fails ("id", NULL, "Invalid response: content.id is missing");
  assert_parse_fails (test_address_get_type (), "{}", "Invalid response: content.city is missing");
}

static void
test_parse_wrong_type (void)
{
  assert_person_fails ("name", "42", "Invalid response: content.name is a number, expected a string");
  assert_person_fails ("name", "null", "Invalid response: content.name is null, expected a string");
  assert_person_fails ("age", "\"36\"", "Invalid response: content.age is a string, expected an integer");
  assert_person_fails ("age", "36.0", "Invalid response: content.age is a number, expected an integer");
  assert_person_fails ("height", "true", "Invalid response: content.height is a boolean, expected a number");
  assert_person_fails ("adult", "1", "Invalid response: content.adult is a number, expected a boolean");
  assert_person_fails ("mood", "1", "Invalid response: content.mood is a number, expected a string");
  assert_person_fails ("diet", "\"vegan\"", "Invalid response: content.diet is a string, expected a list");
  assert_person_fails ("nicknames", "\"Countess\"",
                       "Invalid response: content.nicknames is a string, expected a list");
  assert_person_fails ("nicknames", "[\"Countess\",7]",
                       "Invalid response: content.nicknames[1] is a number, expected a string");
  assert_person_fails ("home", "\"Lyon\"", "Invalid response: content.home is a string, expected an object");
  assert_person_fails ("home", "{\"city\":[],\"post_code\":1}",
                       "Invalid response: content.home.city is a list, expected a string");
}

static void
test_parse_range (void)
{
  assert_person_fails ("age", "151", "Invalid response: content.age is 151, out of range (0 to 150)");
  assert_person_fails ("age", "-1", "Invalid response: content.age is -1, out of range (0 to 150)");
  assert_person_fails ("score", "10.5", "Invalid response: content.score is 10.5, out of range (0 to 10)");
  assert_person_fails ("home", "{\"city\":\"Lyon\",\"post_code\":100000}",
                       "Invalid response: content.home.post_code is 100000, out of range (0 to 99999)");
  assert_parse_fails (test_integers_get_type (),
                      "{\"c\":128,\"uc\":0,\"i\":0,\"u\":0,\"l\":0,\"ul\":0,\"i64\":0,\"u64\":0,\"small_c\":0,"
                      "\"small_uc\":1,\"small_l\":0,\"small_ul\":2,\"small_i64\":0,\"small_u64\":3,\"small_d\":0}",
                      "Invalid response: content.c is 128, out of range (-128 to 127)");
  assert_parse_fails (test_integers_get_type (),
                      "{\"c\":0,\"uc\":0,\"i\":0,\"u\":-1,\"l\":0,\"ul\":0,\"i64\":0,\"u64\":0,\"small_c\":0,"
                      "\"small_uc\":1,\"small_l\":0,\"small_ul\":2,\"small_i64\":0,\"small_u64\":3,\"small_d\":0}",
                      "Invalid response: content.u is -1, out of range (0 to 4294967295)");
}

static void
test_parse_bad_nick (void)
{
  assert_person_fails ("mood", "\"furious\"",
                       "Invalid response: content.mood is \"furious\", expected one of [\"calm\",\"glad\",\"grumpy\"]");
  /* The enum's name is not its nick. */
  assert_person_fails ("mood", "\"TEST_MOOD_GLAD\"",
                       "Invalid response: content.mood is \"TEST_MOOD_GLAD\", expected one of "
                       "[\"calm\",\"glad\",\"grumpy\"]");
  assert_person_fails ("diet", "[\"vegan\",\"paleo\"]",
                       "Invalid response: content.diet[1] is \"paleo\", expected one of [\"vegan\",\"halal\",\"kosher\"]");
  assert_person_fails ("diet", "[\"none\"]",
                       "Invalid response: content.diet[0] is \"none\", expected one of [\"vegan\",\"halal\",\"kosher\"]");
  assert_person_fails ("diet", "[\"halal\",\"halal\"]", "Invalid response: content.diet[1] repeats \"halal\"");
}

static void
test_parse_extra (void)
{
  assert_parse_fails (test_address_get_type (), "{\"city\":\"Lyon\",\"post_code\":1,\"country\":\"FR\"}",
                      "Invalid response: content.country is not a property of TestAddress");
  assert_person_fails ("home", "{\"city\":\"Lyon\",\"post_code\":1,\"street\":\"Rue\"}",
                       "Invalid response: content.home.street is not a property of TestAddress");
  /* Neither a property read only, nor a property's dashed name. */
  assert_person_fails ("read-only", "\"x\"", "Invalid response: content.read-only is not a property of TestPerson");
  assert_parse_fails (test_address_get_type (), "{\"city\":\"Lyon\",\"post-code\":1}",
                      "Invalid response: content.post_code is missing");
}

static void
test_parse_not_json (void)
{
  assert_parse_fails (test_address_get_type (), "Lyon, 69001",
                      "Invalid response: the reply's content: not valid JSON: not one value");
  assert_parse_fails (test_address_get_type (), "{\"city\": }",
                      "Invalid response: the reply's content: not valid JSON: <data>:1:10: Parse error: "
                      "unexpected character `}', expected character `}'");
  assert_parse_fails (test_address_get_type (), "[\"Lyon\"]", "Invalid response: the reply's content: not a JSON object");
  assert_parse_fails (test_address_get_type (), "{\"city\":\"Lyon\"} {}",
                      "Invalid response: the reply's content: not valid JSON: not one value");
  assert_parse_fails (test_address_get_type (), "", "Invalid response: the reply has no content");
}

static void
test_parse_no_choices (void)
{
  assert_parse_fails (test_address_get_type (), NULL, "Invalid response: the response has no choices");
}

static void
test_parse_unsupported_type (void)
{
  g_autoptr(MistralChatCompletionResponse) response = response_with ("{\"next_appointment\":{}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;

  object = mistral_chat_completion_response_parse (response, test_calendar_get_type (), &error);
  g_assert_null (object);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  object = mistral_chat_completion_response_parse (response, test_node_get_type (), &error);
  g_assert_null (object);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
}

/* The message-level twin, on a message of the application's own. */
static void
test_parse_message (void)
{
  g_autoptr(MistralAssistantMessage) message = mistral_assistant_message_new ("{\"city\":\"Lyon\",\"post_code\":69001}");
  g_autoptr(MistralAssistantMessage) empty = mistral_assistant_message_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) address = NULL;
  g_autofree char *city = NULL;
  guint code;

  address = mistral_assistant_message_parse (message, test_address_get_type (), &error);
  g_assert_no_error (error);
  g_object_get (address, "city", &city, "post-code", &code, NULL);
  g_assert_cmpstr (city, ==, "Lyon");
  g_assert_cmpuint (code, ==, 69001);

  g_assert_null (mistral_assistant_message_parse (empty, test_address_get_type (), &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==, "Invalid response: the reply has no content");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/structured/schema/every-type", test_schema_every_type);
  g_test_add_func ("/structured/schema/integers", test_schema_integers);
  g_test_add_func ("/structured/schema/cycle", test_schema_cycle);
  g_test_add_func ("/structured/schema/unsupported", test_schema_unsupported);
  TEST_ADD_HTTP ("/structured/request", test_request);
  g_test_add_func ("/structured/parse/every-type", test_parse_every_type);
  g_test_add_func ("/structured/parse/integers", test_parse_integers);
  g_test_add_func ("/structured/parse/missing", test_parse_missing);
  g_test_add_func ("/structured/parse/wrong-type", test_parse_wrong_type);
  g_test_add_func ("/structured/parse/range", test_parse_range);
  g_test_add_func ("/structured/parse/bad-nick", test_parse_bad_nick);
  g_test_add_func ("/structured/parse/extra", test_parse_extra);
  g_test_add_func ("/structured/parse/not-json", test_parse_not_json);
  g_test_add_func ("/structured/parse/no-choices", test_parse_no_choices);
  g_test_add_func ("/structured/parse/unsupported-type", test_parse_unsupported_type);
  g_test_add_func ("/structured/parse/message", test_parse_message);

  return g_test_run ();
}
