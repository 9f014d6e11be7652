"""Conferences: delegates with their votes, the agenda and its minutes, contributions in
several languages, motions with numbered lines, amendments (to amendments too), votes, and
the decisions that come out of them, tracked until they are carried out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iskra.network.models import Collective


class Conference(models.Model):
    collective = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="conferences")
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    # The reports of this period attend the conference.
    report_start = models.DateField(_("reports from"))
    report_end = models.DateField(_("reports to"))
    contributions_deadline = models.DateTimeField(_("contributions until"))
    amendments_deadline = models.DateTimeField(_("amendments until"))
    amendments_closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("conference")

    def __str__(self) -> str:
        return self.title


class Delegate(models.Model):
    """A member credited by a collective; `votes` is their weight (a delegation's proxies)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    credited_by = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField(_("votes"), default=1)

    class Meta:
        ordering = ["credited_by__path", "user__username"]
        constraints = [models.UniqueConstraint(fields=["conference", "user"], name="delegate_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.credited_by})"


class AgendaItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["conference", "position"]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    """A text a member submits to the conference; a translation points at its original."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="contributions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=Q(translation_of__isnull=False),
                name="one_translation_per_language",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Motion(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="motions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    # Stored wrapped: one numbered line a text line, paragraphs separated by a blank line.
    original_text = models.TextField()
    text = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "number"], name="motion_number_once")
        ]

    def __str__(self) -> str:
        return f"M{self.number} {self.title}"


class Amendment(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="amendments")
    # An amendment to an amendment: its lines are those of the parent's text.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_amendments"
    )
    author = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="amendments")
    first_line = models.PositiveSmallIntegerField(_("from line"))
    last_line = models.PositiveSmallIntegerField(_("to line"))
    text = models.TextField(_("new text"))
    reason = models.TextField(_("reason"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["motion", "first_line", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_line__gte=models.F("first_line")), name="amendment_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion} {self.first_line}-{self.last_line}"


class Vote(models.Model):
    class Method(models.TextChoices):
        COUNTS = "counts", _("Show of hands (counts)")
        ROLL_CALL = "roll_call", _("Roll call (by name)")
        DELEGATIONS = "delegations", _("Totals per delegation")

    class Outcome(models.TextChoices):
        CARRIED = "carried", _("Carried")
        LOST = "lost", _("Lost")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    method = models.CharField(max_length=12, choices=Method.choices)
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    abstentions = models.PositiveIntegerField(_("abstain"))
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    voted_text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["motion", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.motion}: {self.outcome}"


class VoteEntry(models.Model):
    """One line of a roll call (a delegate) or of the delegation totals (a collective)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="entries")
    delegate = models.ForeignKey(Delegate, null=True, on_delete=models.PROTECT, related_name="+")
    delegation = models.ForeignKey(
        Collective, null=True, on_delete=models.PROTECT, related_name="+"
    )
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    abstentions = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.delegate_id or self.delegation_id}"


class Decision(models.Model):
    """An adopted decision, tracked: who carries it, by when, how far it is."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Carried out")
        DROPPED = "dropped", _("Dropped")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="decisions")
    motion = models.ForeignKey(
        Motion, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(_("title"), max_length=200)
    responsible = models.ForeignKey(Collective, on_delete=models.PROTECT, related_name="decisions")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PLANNED)
    progress = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conference", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_percent")
        ]

    def __str__(self) -> str:
        return self.title


class ProgressNote(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("what was done"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    state = models.CharField(_("state"), max_length=10, choices=Decision.State.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.progress}%"
