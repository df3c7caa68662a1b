"""The Celery task every job runs through (workflow.jobs): one task, the job's name as its
argument, so the broker carries nothing but a name. Retried with backoff when it fails;
acks late (settings), so a job a dying worker held runs again — every job is idempotent."""

from celery import shared_task

from workflow import jobs


@shared_task(
    name="kiemtra.run_job",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def run_job(name: str):
    result = jobs.run(name)
    return result if isinstance(result, dict | list | str | int | type(None)) else str(result)
