"""The command's last line of defence: exit 1 means "invalid" and nothing else.

Whatever goes wrong while ffb-validate runs – a bug, a library's panic, no memory, Ctrl-C, a
broken pipe – ends with exit 2 and one masked line on stderr, never a traceback. SIGTERM
and SIGHUP (a CI job's timeout, a closed terminal) unwind the run like an error, so the
temporary folder of an extracted package is removed, and then end the process by the same
signal, as a shell expects.
"""

from __future__ import annotations

import os
import signal
import sys

import click

from ffb.report.escaping import visible
from ffb.report.masking import mask_text

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

MESSAGES = {
    "da": {
        "crashed": "kunne ikke validere ({error}); rapportér gerne fejlen",
        "interrupted": "afbrudt",
        "stopped": "stoppet af {signal}; midlertidige filer er fjernet",
        "memory": "ikke nok hukommelse til at validere dette input",
    },
    "en": {
        "crashed": "could not validate ({error}); please report this as a bug",
        "interrupted": "interrupted",
        "stopped": "stopped by {signal}; temporary files were removed",
        "memory": "not enough memory to validate this input",
    },
}


class Stopped(BaseException):
    """A stop signal arrived; raised from the handler so every `with` block cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def fail(message: str, code: int = 2, lang: str = "en") -> None:
    """Print `message` as one masked line on stderr, in `lang`, and exit with `code` (2: could
    not run)."""
    from ffb.validate.wording import PREFIX, in_language

    line = visible(mask_text(f"{PREFIX[lang]}{in_language(message, lang)}"))
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(code)


def _raise_stopped(signum: int, _frame) -> None:
    for stop in STOP_SIGNALS:  # a second signal must not interrupt the clean-up
        signal.signal(stop, signal.SIG_IGN)
    raise Stopped(signum)


def _language(args: list[str]) -> str:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in MESSAGES else "da"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in MESSAGES else "da"
    return "da"


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class GuardedCommand(click.Command):
    """A click command that never crashes with a traceback or an exit code of 1."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        arguments = list(sys.argv[1:] if args is None else args)
        lang = _language(arguments)
        words = MESSAGES[lang]
        previous = {stop: signal.signal(stop, _raise_stopped) for stop in STOP_SIGNALS}
        try:
            result = super().main(arguments, prog_name, complete_var, standalone_mode=False, **extra)
            if not standalone_mode:
                return result
            sys.exit(result if isinstance(result, int) else 0)
        except SystemExit:
            raise
        except Stopped as stop:
            name = signal.Signals(stop.signum).name
            try:
                sys.stderr.write(visible(f"ffb-validate: {words['stopped'].format(signal=name)}") + "\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
            signal.signal(stop.signum, signal.SIG_DFL)
            os.kill(os.getpid(), stop.signum)
            sys.exit(2)  # only reached where the signal cannot end the process
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:  # usage errors: one line like every other, exit 2
            from ffb.validate.wording import usage_problem

            fail(usage_problem(error, lang), lang=lang)
        except (click.Abort, KeyboardInterrupt, EOFError):
            fail(words["interrupted"], lang=lang)
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(2)
        except MemoryError:
            fail(words["memory"], lang=lang)
        except BaseException as error:  # noqa: BLE001 — also a Rust panic (PanicException)
            detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            fail(words["crashed"].format(error=detail), lang=lang)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
