/* Matching a name against a shell pattern: * ? [...] (POSIX fnmatch). */
#ifndef _FNMATCH_H
#define _FNMATCH_H

#define FNM_NOMATCH 1 /* fnmatch's result when the name does not match */

#define FNM_NOESCAPE 0x1 /* a backslash is an ordinary character, not a quote */
#define FNM_PATHNAME 0x2 /* a slash is matched only by a slash in the pattern */
#define FNM_PERIOD 0x4   /* a leading period is matched only by a period in the pattern */

/* 0 if `string` matches `pattern`, FNM_NOMATCH if not. A `[` without its `]` stands for itself. */
int fnmatch(const char *pattern, const char *string, int flags);

#endif
