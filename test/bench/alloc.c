/*
 * alloc.c - the benchmark's counting allocator: malloc, calloc, realloc,
 * free and strdup wrapped (-Wl,--wrap, as test_alloc.c does) so that
 * "allocations per decision" and the heap of a loaded ruleset are measured,
 * not assumed. The counters are atomic: the thread section decides on two
 * threads while they count.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <string.h>

#include "bench.h"

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
void *__wrap_malloc(size_t);
void *__wrap_calloc(size_t, size_t);
void *__wrap_realloc(void *, size_t);
void __wrap_free(void *);
char *__wrap_strdup(const char *);

static unsigned long n_allocs;
static long long live_bytes;

unsigned long bench_allocs(void)
{
	return __atomic_load_n(&n_allocs, __ATOMIC_RELAXED);
}

long long bench_live_bytes(void)
{
	return __atomic_load_n(&live_bytes, __ATOMIC_RELAXED);
}

static void *counted(void *p)
{
	__atomic_add_fetch(&n_allocs, 1, __ATOMIC_RELAXED);
	if (p)
		__atomic_add_fetch(&live_bytes, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
	return p;
}

void *__wrap_malloc(size_t n)
{
	return counted(__real_malloc(n));
}

void *__wrap_calloc(size_t n, size_t m)
{
	return counted(__real_calloc(n, m));
}

void *__wrap_realloc(void *old, size_t n)
{
	long long before = old ? (long long)malloc_usable_size(old) : 0;
	void *p = __real_realloc(old, n);
	__atomic_add_fetch(&n_allocs, 1, __ATOMIC_RELAXED);
	if (p)
		__atomic_add_fetch(&live_bytes, (long long)malloc_usable_size(p) - before,
		                   __ATOMIC_RELAXED);
	return p;
}

void __wrap_free(void *p)
{
	if (p)
		__atomic_sub_fetch(&live_bytes, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
	__real_free(p);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}
