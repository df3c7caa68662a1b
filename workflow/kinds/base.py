"""What every case flow shares: the flow lock, and visibility decided by case access."""

from viewflow.workflow import flow, lock

from inspections import access
from workflow.models import CaseProcess
from workflow.nodes import case_of


class CaseFlow(flow.Flow):
    process_class = CaseProcess
    # PostgreSQL row lock on the process (design.md: viewflow's default is no lock). On
    # SQLite select_for_update is a no-op and IMMEDIATE transactions serialise writers.
    lock_impl = lock.SelectForUpdateLock(nowait=True, attempts=8)
    process_summary_template = "{{ process.case.number }} – {{ process.case.title }}"

    def has_view_permission(self, user, obj=None):
        if not user.is_authenticated:
            return False
        if obj is None:
            # Seeing the flow in the menu reveals nothing; every list below is scoped.
            return True
        return access.can(user, "view", case_of(obj))

    def attach_case(self, activation, case):
        """StartHandle function of a spawned case (workflow.spawn): tie the process to it.
        The process is not saved yet here; the start activation saves it right after."""
        activation.process.case = case
        return activation.process

    def has_manage_permission(self, user, obj=None):
        # Nobody undoes, cancels or revives steps behind the journal's back.
        return False

    class Meta:
        abstract = True
