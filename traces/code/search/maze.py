"""Depth-first search for a path through a grid maze."""


def solve(grid, start, goal, seen=None):
    if seen is None:
        seen = set()
    if start == goal:
        return [start]
    seen.add(start)
    y, x = start
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ny, nx = y + dy, x + dx
        if 0 <= ny < len(grid) and 0 <= nx < len(grid[0]) and grid[ny][nx] == 0 and (ny, nx) not in seen:
            path = solve(grid, (ny, nx), goal, seen)
            if path:
                return [start] + path
    return None
