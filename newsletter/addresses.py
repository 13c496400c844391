"""One canonical address per mailbox, so one person cannot hold several subscriptions.

`"victim"@example.com`, `"vi\\ctim"@example.com`, `Victim@EXAMPLE.com` and
`victim@example.com` are the same mailbox, and so are `user@bølle.dk` and
`user@xn--blle-gra.dk`. Before this, each spelling became its own subscriber,
with its own confirmation mails and its own rate-limit allowance.

Parsing is email-validator's (RFC 5322 and IDNA 2008): it removes quoting and
backslash escapes that change nothing, normalises Unicode, and encodes the domain
with IDNA; no DNS lookups. On top of that:
- the domain is stored in its ASCII (punycode) form, lower case;
- the local part is lower-cased too: no Danish provider treats case as
  significant, and one person must not hold two subscriptions;
- an address whose local part still needs quoting (spaces, "@", other special
  characters) is refused: such mailboxes hardly exist, mail software handles
  them badly, and quoting is the way to spell one mailbox several ways;
- non-ASCII local parts are refused: they need SMTPUTF8 at every hop.
"""

INVALID_EMAIL = "E-mailadressen er ikke gyldig. Skriv den på formen navn@eksempel.dk."
NEEDS_QUOTING = (
    "E-mailadressen indeholder tegn, der kræver anførselstegn (f.eks. mellemrum). "
    "Brug en almindelig adresse på formen navn@eksempel.dk."
)
MAX_LENGTH = 254


class EmailRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def email_canonical(*, email: str) -> str:
    """The one form the address is stored and rate-limited in; raises EmailRefused (Danish message)."""
    # Imported here: compiling its grammar costs ~0.2 s, which the first request of every
    # worker would pay through the URLconf; only a signup needs it.
    from email_validator import EmailNotValidError, validate_email

    email = (email or "").strip()
    if not email or len(email) > MAX_LENGTH * 2:
        raise EmailRefused(INVALID_EMAIL)
    try:
        parsed = validate_email(email, check_deliverability=False, allow_quoted_local=True, allow_smtputf8=False)
    except EmailNotValidError:
        raise EmailRefused(INVALID_EMAIL) from None
    if parsed.local_part.startswith('"'):
        raise EmailRefused(NEEDS_QUOTING)
    canonical = f"{parsed.local_part.lower()}@{parsed.ascii_domain.lower()}"
    if len(canonical) > MAX_LENGTH:
        raise EmailRefused(INVALID_EMAIL)
    return canonical


def email_normalise(*, email: str) -> str | None:
    """The canonical address, or None if it is refused."""
    try:
        return email_canonical(email=email)
    except EmailRefused:
        return None
