"""The office's outbox and its resumable upload to headquarters.

``runner.send_outbox(opened, progress=, cancelled=)`` sends what is queued (the GUI runs it
on a worker); ``status.outbox_states(opened)`` / ``status.upload_info_lines(opened)`` say
where each bundle stands; ``remote.set_remote(opened, url, hq_key_file)`` sets where to send
and the key that checks receipts. Modules: ``client`` (tus over httpx, signed), ``hq_time``
(the time the office signs with: headquarters'), ``backoff`` (retries and chunk sizes),
``runner`` (and ``send_report``, what a run did), ``remote``, ``status``; the SQL is ``storage.outbox``. Import them by name: this
package loads none of them, so showing a status never imports httpx.
"""
