"""Recursive-descent parser and evaluator for arithmetic expressions."""
import re

TOKEN = re.compile(r"\s*(\d+\.?\d*|[-+*/()])")


def tokenize(text):
    pos, tokens = 0, []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"bad input at {pos}")
        tokens.append(m.group(1))
        pos = m.end()
    return tokens


def parse_expr(tokens, i=0):
    value, i = parse_term(tokens, i)
    while i < len(tokens) and tokens[i] in "+-":
        rhs, j = parse_term(tokens, i + 1)
        value = value + rhs if tokens[i] == "+" else value - rhs
        i = j
    return value, i


def parse_term(tokens, i):
    value, i = parse_atom(tokens, i)
    while i < len(tokens) and tokens[i] in "*/":
        rhs, j = parse_atom(tokens, i + 1)
        value = value * rhs if tokens[i] == "*" else value / rhs
        i = j
    return value, i


def parse_atom(tokens, i):
    if tokens[i] == "(":
        value, i = parse_expr(tokens, i + 1)
        return value, i + 1
    if tokens[i] == "-":
        value, i = parse_atom(tokens, i + 1)
        return -value, i
    return float(tokens[i]), i + 1
