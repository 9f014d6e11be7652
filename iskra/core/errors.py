class DomainError(Exception):
    """A refusal a person can understand; views show `message` and keep what was typed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
