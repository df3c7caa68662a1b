"""The case file, split by subdomain; every model and enum is importable from
`inspections.models` as before.
"""

from inspections.models.access import (  # noqa: F401
    CaseGroupObjectPermission,
    CaseRole,
    CaseUserObjectPermission,
    ConflictDeclaration,
    RoleTransfer,
    StepSeparation,
)
from inspections.models.ballots import (  # noqa: F401
    Ballot,
    BallotParticipation,
    BallotVote,
)
from inspections.models.case import (  # noqa: F401
    Case,
    CaseLink,
    Confidentiality,
)
from inspections.models.complaint import (  # noqa: F401
    Complaint,
    ComplaintAspect,
    ComplaintOutcome,
    ComplaintReview,
    ComplaintVerdict,
    ImposingBody,
)
from inspections.models.conclusions import (  # noqa: F401
    Conclusion,
    Finding,
    Recommendation,
    ReviewStatus,
    TeamReport,
)
from inspections.models.denunciation import (  # noqa: F401
    Allegation,
    DenouncerMeeting,
    Denunciation,
    DenunciationCriterion,
    DenunciationNotice,
    DenunciationOutcome,
    DenunciationPause,
    DenunciationReport,
    Withdrawal,
)
from inspections.models.discipline import (  # noqa: F401
    CELL_BODY,
    DisciplineCase,
    DisciplineDecision,
    DisciplineDeferral,
    DisciplineProposal,
    DisciplineResponsibility,
    StateProposal,
)
from inspections.models.documents import (  # noqa: F401
    Document,
    DocumentKind,
)
from inspections.models.extensions import DeadlineExtension  # noqa: F401
from inspections.models.grounds import (  # noqa: F401
    DisciplineGround,
    DisciplineGroundRecord,
    StrikeOff,
)
from inspections.models.journal import (  # noqa: F401
    JournalCheckpoint,
    JournalCheckpointHead,
    JournalEntry,
)
from inspections.models.notifications import (  # noqa: F401
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboxMessage,
)
from inspections.models.opening import CaseOpeningRule  # noqa: F401
from inspections.models.parties import (  # noqa: F401
    CaseParty,
    PartyDocument,
    UnsealRequest,
)
from inspections.models.records import (  # noqa: F401
    DisciplineRecord,
    SanctionForm,
)
from inspections.models.reference import (  # noqa: F401
    Holiday,
    HolidayYear,
    KeyArea,
)
from inspections.models.rules import (  # noqa: F401
    PROVINCE_RANK,
    RULE_CODE,
    RULE_MODELS,
    ActingLevel,
    ClockStart,
    DecidingBodyKind,
    LetterKind,
    NotHandledCriterion,
    RuleChange,
    RuleUnit,
    RuleVersion,
    SanctionAuthorityRule,
    StatuteRule,
    SubjectKind,
    TimeLimitRule,
    VoteThresholdRule,
)
from inspections.models.status import CaseKind, CaseStatus  # noqa: F401
from inspections.models.supervision import (  # noqa: F401
    AdditionRequest,
    SignsProposal,
    SupervisionEntry,
    SupervisionLog,
    SupervisionMeeting,
    ThematicSupervision,
)
from inspections.models.three_phase import (  # noqa: F401
    ChecklistFinding,
    ChecklistItem,
    InspectionRecord,
    RequirementReport,
    RequirementTracking,
    SignsSource,
    ViolationAssessment,
)
