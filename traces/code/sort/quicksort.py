"""Quicksort of a list of numbers: O(n log n) on average, serial."""


def quicksort(xs):
    if len(xs) <= 1:
        return xs
    pivot = xs[len(xs) // 2]
    less = [x for x in xs if x < pivot]
    equal = [x for x in xs if x == pivot]
    greater = [x for x in xs if x > pivot]
    return quicksort(less) + equal + quicksort(greater)


def handle(event):
    return {"sorted": quicksort(event["values"])}
