from celery import shared_task

from engine.sweeps import sla_sweep as run_sla_sweep


@shared_task(name="tts.workflow.sla_sweep", ignore_result=True)
def sla_sweep():
    """Every minute from beat, on workflow_api's maintenance queue."""
    return run_sla_sweep()
