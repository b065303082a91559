#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Batch jobs as Python sees them through the typelib (PyGObject 3.42): a
# small batch of chat requests created, followed (notify::completed-requests
# as it runs), its results read back and matched to their custom ids, one
# request's error among them; the same through an uploaded JSONL file and
# async; a job listed, got and cancelled; invalid jobs refused.
#
# Run by meson (`meson test python-batch`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself.

import os
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

# A sibling module: see mocktools.py.
import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

setUpModule = mocktools.start_server
# Polls 10 ms apart, up to 40 ms, instead of 1 s up to 30 s.
os.environ["MISTRAL_BATCH_POLL_MS"] = "10,40"


def small_batch(questions, **props):
    job_request = Mistral.BatchJobRequest(**props)
    for custom_id, model, text in questions:
        job_request.add(Mistral.BatchRequest.new(custom_id, mocktools.make_request(model=model, text=text)))
    return job_request


QUESTIONS = [
    ("cheese", "mistral-small-latest", "Best French cheese?"),
    ("wine", "mistral-small-latest", "Best French wine?"),
    ("refused", "mock-error-400", "Anything"),
]


class BatchTest(mocktools.ClientTestCase):
    def check_results(self, results):
        self.assertIsInstance(results, Gio.ListModel)
        by_id = {result.props.custom_id: result for result in results}
        self.assertEqual(sorted(by_id), ["cheese", "refused", "wine"])
        self.assertEqual(by_id["cheese"].props.response.get_content(), "Echo: Best French cheese?")
        self.assertEqual(by_id["wine"].props.status_code, 200)
        self.assertIsNone(by_id["wine"].props.error)
        refused = by_id["refused"]
        self.assertIsNone(refused.props.response)
        self.assertEqual(refused.props.status_code, 400)
        self.assertIn("Invalid model", refused.props.error.message)
        self.assertIn("unknown_model", refused.props.raw)
        with self.assertRaises(GLib.Error) as caught:
            refused.propagate_error()
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)

    def test_run_and_read(self):
        job_request = small_batch(QUESTIONS)
        job_request.set_metadata_value("project", "python")
        job = self.client.create_batch_job(job_request, None)
        self.assertEqual(job.props.status, Mistral.BatchStatus.QUEUED)
        self.assertEqual(job.props.total_requests, 3)
        self.assertEqual(job.props.metadata.get_string_member("project"), "python")

        progress, states = [], []
        job.connect("notify::completed-requests", lambda j, _: progress.append(j.props.completed_requests))
        job.connect("notify::status", lambda j, _: states.append(j.props.status))
        self.assertTrue(self.client.wait_batch_job(job, 30, None))

        self.assertEqual(states[-1], Mistral.BatchStatus.SUCCESS)
        self.assertIn(Mistral.BatchStatus.RUNNING, states)
        self.assertEqual(progress, sorted(progress))
        self.assertEqual(progress[-1], 3)
        self.assertEqual((job.props.succeeded_requests, job.props.failed_requests), (2, 1))
        self.assertTrue(job.is_finished())
        self.check_results(self.client.get_batch_results(job, None))

    def test_ocr_local_file(self):
        # An OCR request for a local file in a batch: read when the job is
        # created, its result a typed OcrResponse.
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as scan:
            scan.write("Receipt 7\fPaid")
        try:
            ocr = Mistral.OcrRequest.new_for_file("mistral-ocr-latest", Gio.File.new_for_path(scan.name))
            job_request = Mistral.BatchJobRequest.new()
            job_request.add(Mistral.BatchRequest.new("scan", ocr))
            job = self.client.create_batch_job(job_request, None)
            self.assertEqual(job.props.endpoint, "/v1/ocr")
            self.assertTrue(self.client.wait_batch_job(job, 30, None))
            results = self.client.get_batch_results(job, None)
        finally:
            os.unlink(scan.name)
        self.assertEqual(results.get_n_items(), 1)
        result = results.get_item(0)
        self.assertEqual(result.props.custom_id, "scan")
        self.assertIsNone(result.props.error)
        self.assertIsInstance(result.props.response, Mistral.OcrResponse)
        self.assertEqual(result.props.response.get_markdown(), "Receipt 7\n\nPaid")

    def test_file_input_async(self):
        job_request = small_batch(QUESTIONS, input=Mistral.BatchInput.FILE)
        source, result = run_async(lambda done: self.client.create_batch_job_async(job_request, None, done))
        job = source.create_batch_job_finish(result)
        self.assertEqual(len(job.props.input_files), 1)
        source, result = run_async(lambda done: self.client.wait_batch_job_async(job, 30, None, done))
        self.assertTrue(source.wait_batch_job_finish(result))
        source, result = run_async(lambda done: self.client.get_batch_results_async(job, None, done))
        self.check_results(source.get_batch_results_finish(result))

    def test_list_get_cancel(self):
        job = self.client.create_batch_job(small_batch(QUESTIONS[:1] * 40), None)
        again = self.client.get_batch_job(job.props.id, None)
        self.assertEqual(again.props.id, job.props.id)
        jobs, total = self.client.list_batch_jobs(0, 5, None, None, None,
                                                  [Mistral.BatchStatus.QUEUED, Mistral.BatchStatus.RUNNING],
                                                  None, False, False, None)
        self.assertIn(job.props.id, [j.props.id for j in jobs])
        self.assertGreaterEqual(total, 1)
        self.assertTrue(self.client.cancel_batch_job(job, None))
        self.assertIn(job.props.status, (Mistral.BatchStatus.CANCELLATION_REQUESTED, Mistral.BatchStatus.CANCELLED))
        self.assertTrue(self.client.wait_batch_job(job, 30, None))
        self.assertEqual(job.props.status, Mistral.BatchStatus.CANCELLED)

    def test_invalid(self):
        job_request = small_batch(QUESTIONS, timeout_hours=200)
        with self.assertRaises(GLib.Error) as caught:
            self.client.create_batch_job(job_request, None)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)


if __name__ == "__main__":
    unittest.main(verbosity=2)
