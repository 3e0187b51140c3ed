"""The one explicit list of rules, in code order."""

from __future__ import annotations

from designer.rules import alignment, catalogue, delivery, export, level, minimum, size, structure, wording, workload
from designer.rules.base import Rule

RULES: tuple[Rule, ...] = (
    structure.InternalError(),
    structure.YamlSyntax(),
    structure.UnreadableFile(),
    structure.NotADesign(),
    structure.DuplicateKey(),
    structure.UnknownKey(),
    structure.InvalidValue(),
    structure.DuplicateId(),
    structure.MissingReference(),
    structure.WrongKindReference(),
    structure.MissingField(),
    workload.WorkloadOutsideBand(),
    workload.EctsOutsideRange(),
    workload.RateOutsideBand(),
    workload.PlanDetailsMissing(),
    level.EqfLevelUnknown(),
    level.OutcomesBelowLevel(),
    level.MethodBelowOutcome(),
    level.RecallOnlyAssessment(),
    alignment.OutcomeNotAssessed(),
    alignment.OutcomeWithoutCheckpoint(),
    alignment.OutcomeWithoutContent(),
    alignment.AssessmentWithoutOutcome(),
    alignment.OrphanContent(),
    alignment.WeightsNotTotal(),
    alignment.CheckpointAfterSummative(),
    alignment.TooFewCheckpoints(),
    alignment.NoAuthenticAssessment(),
    alignment.CheckpointPreparesNothing(),
    alignment.ContentAfterCheckpoint(),
    alignment.AlignmentNotDocumented(),
    alignment.PassFailWeighted(),
    alignment.SummativeWithoutCriteria(),
    wording.NoMeasurableVerb(),
    wording.VagueVerb(),
    wording.DuplicateStatement(),
    wording.CompoundOutcome(),
    wording.WordingNotChecked(),
    size.TooManyOutcomes(),
    minimum.MissingMinimumInformation(),
    minimum.StackableWithoutTarget(),
    delivery.AsynchronousWithoutInteraction(),
    catalogue.DuplicateCourseCode(),
    catalogue.UnknownCatalogueReference(),
    catalogue.CatalogueIdProblem(),
    catalogue.CatalogueValueUnknown(),
    catalogue.CatalogueInformationMissing(),
    catalogue.PrerequisiteCycle(),
    catalogue.PrerequisiteAboveLevel(),
    catalogue.StackCreditsUnreachable(),
    catalogue.StackLevelUnreached(),
    catalogue.StackDoubleCounts(),
    catalogue.LevelExpectationUnmet(),
    catalogue.StackabilityContradictsStacks(),
    catalogue.TowardsDisagreesWithStack(),
    catalogue.CourseUnused(),
    # Opt-in: only `--select EX` (or a code) and `designer export` run them.
    export.HomepageMissing(),
    export.ThematicAreaMissing(),
    export.AwardingBodyWithoutName(),
    export.AwardingBodyWithoutUri(),
    export.LanguageNotExportable(),
    export.LearningSettingMissing(),
    export.IscedFUnknown(),
    export.EscoNotSkillUri(),
    export.SummaryMissing(),
)

# Codes no longer in use, with what replaced them: never reused for another check.
RETIRED: dict[str, str] = {
    "WL003": (
        "summative-without-hours (warning), retired in issue 8: a summative component without hours is a plan "
        "detail, reported once per design with the others by WL005 plan-details-missing"
    ),
}

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}

FAMILIES = {
    "ST": "Structure",
    "WL": "Workload",
    "LV": "Level",
    "AL": "Alignment",
    "OW": "Outcome wording",
    "MI": "Minimum information",
    "DL": "Delivery",
    "CT": "Catalogue",
    "EX": "Export readiness",
}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def export_codes(format_id: str) -> list[str]:
    """The EX codes whose field the export format `format_id` (elm, ob3) uses: what `designer export` selects."""
    return [rule.code for rule in RULES if isinstance(rule, export.ExportRule) and format_id in rule.formats()]
