from celery import shared_task

from engine.sweeps import sla_sweep_due


@shared_task(name="tts.workflow.sla_sweep", ignore_result=True)
def sla_sweep():
    """Every minute from beat, on workflow_api's maintenance queue."""
    return sla_sweep_due()
