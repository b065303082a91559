// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* simdjson's part of json-chunk-bench.c: its DOM parser (full
 * validation), reused, reading the same members as the others. */

#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>

extern "C" uint64_t bench_simdjson (const char *text, size_t length, uint64_t n);

extern "C" uint64_t
bench_simdjson (const char *text,
                size_t      length,
                uint64_t    n)
{
  simdjson::dom::parser parser;
  uint64_t checksum = 0;

  for (uint64_t i = 0; i < n; i++)
    {
      simdjson::dom::object root;

      if (parser.parse (text, length, true).get_object ().get (root) != simdjson::SUCCESS)
        abort ();
      for (auto member : root)
        {
          std::string_view string;
          int64_t number;

          if (member.key == "choices")
            {
              simdjson::dom::array choices;

              if (member.value.get_array ().get (choices) != simdjson::SUCCESS)
                abort ();
              for (simdjson::dom::element choice : choices)
                {
                  simdjson::dom::object object;

                  if (choice.get_object ().get (object) != simdjson::SUCCESS)
                    abort ();
                  for (auto inner : object)
                    {
                      simdjson::dom::object delta;

                      if (inner.key == "index" && inner.value.get_int64 ().get (number) == simdjson::SUCCESS)
                        checksum += number;
                      else if (inner.key == "delta" && inner.value.get_object ().get (delta) == simdjson::SUCCESS)
                        for (auto field : delta)
                          if (field.key == "content" && field.value.get_string ().get (string) == simdjson::SUCCESS)
                            checksum += string.size ();
                      if (inner.key == "finish_reason")
                        checksum += inner.value.is_null ();
                    }
                }
            }
          else if (member.key == "created" && member.value.get_int64 ().get (number) == simdjson::SUCCESS)
            checksum += number;
          else if ((member.key == "id" || member.key == "model") &&
                   member.value.get_string ().get (string) == simdjson::SUCCESS)
            checksum += string.size ();
        }
    }
  return checksum;
}
