/* test_file.c - the one way to read a file (util/file.h): what is not a
 * regular file is refused at once (a FIFO without a writer does not block),
 * a stream is read with the limit and no further, a read error is an
 * error and never an empty text, and mpr_input_read says the same. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "util/file.h"

static char dir[] = "/tmp/mprisk-test-file-XXXXXX";

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void not_regular_files_are_refused_at_once(void **state)
{
	(void)state;
	char fifo[128], link[128], file[128];
	path_of(fifo, sizeof fifo, "fifo.yaml");
	path_of(link, sizeof link, "link.yaml");
	path_of(file, sizeof file, "file.yaml");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("partnership: {}\n", f);
	fclose(f);
	assert_int_equal(symlink(file, link), 0);
	unsigned char dummy = 0, *data = &dummy;
	size_t len = 1;
	mpr_error err;
	/* no writer: an open without O_NONBLOCK would wait here for ever */
	assert_int_equal(mpr_file_read(fifo, 1000, &data, &len, &err), MPR_EIO);
	assert_null(data);
	assert_non_null(strstr(err.message, "not a regular file (a FIFO)"));
	assert_int_equal(mpr_file_read("/dev/zero", 1000, &data, &len, &err), MPR_EIO);
	assert_non_null(strstr(err.message, "(a character device)"));
	assert_int_equal(mpr_file_read(dir, 1000, &data, &len, &err), MPR_EIO);
	assert_non_null(strstr(err.message, "(a directory)"));
	assert_int_equal(mpr_file_read(link, 1000, &data, &len, &err), MPR_EIO);
	assert_non_null(strstr(err.message, "is a symbolic link"));
	assert_int_equal(mpr_file_read(file, 5, &data, &len, &err), MPR_ELIMIT);
	assert_int_equal(mpr_file_read(file, 1000, &data, &len, &err), MPR_OK);
	assert_int_equal(len, 16);
	assert_int_equal(data[len], '\0');
	free(data);
	unlink(fifo);
	unlink(link);
	unlink(file);
}

/* A pipe holding text, its writing end closed. */
static int pipe_with(const char *text, size_t n)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], text, n), (ssize_t)n);
	close(p[1]);
	return p[0];
}

static void streams_are_read_with_the_limit(void **state)
{
	(void)state;
	unsigned char *data;
	size_t len;
	mpr_error err;
	int fd = pipe_with("activities: []\n", 15);
	assert_int_equal(mpr_file_read_fd(fd, "<stdin>", 15, &data, &len, &err), MPR_OK);
	assert_int_equal(len, 15);
	assert_memory_equal(data, "activities: []\n", 16); /* NUL-terminated */
	free(data);
	close(fd);
	fd = pipe_with("activities: []\n", 15);
	assert_int_equal(mpr_file_read_fd(fd, "<stdin>", 14, &data, &len, &err), MPR_ELIMIT);
	assert_null(data);
	assert_string_equal(err.file, "<stdin>");
	close(fd);
	/* an endless device: stops one byte after the limit */
	fd = open("/dev/zero", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(mpr_file_read_fd(fd, "<stdin>", 100000, &data, &len, &err), MPR_ELIMIT);
	assert_non_null(strstr(err.message, "more than 100000 bytes"));
	close(fd);
	/* a directory as standard input: a read error, not an empty text */
	fd = open(dir, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(mpr_file_read_fd(fd, "<stdin>", 100, &data, &len, &err), MPR_EIO);
	assert_non_null(strstr(err.message, "cannot read"));
	close(fd);
	/* an empty stream is an empty text */
	fd = pipe_with("", 0);
	assert_int_equal(mpr_file_read_fd(fd, "<stdin>", 100, &data, &len, &err), MPR_OK);
	assert_int_equal(len, 0);
	assert_int_equal(data[0], '\0');
	free(data);
	close(fd);
	/* no limit: more than 64 KiB, the first buffer */
	static char big[200000];
	memset(big, 'x', sizeof big);
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t child = fork();
	if (child == 0) {
		close(p[0]);
		_exit(write(p[1], big, sizeof big) == (ssize_t)sizeof big ? 0 : 1);
	}
	close(p[1]);
	assert_int_equal(mpr_file_read_fd(p[0], "<stdin>", SIZE_MAX, &data, &len, &err), MPR_OK);
	assert_int_equal(len, sizeof big);
	free(data);
	close(p[0]);
}

static void the_public_reader_is_the_same(void **state)
{
	(void)state;
	char *data = NULL;
	size_t len = 0;
	mpr_error err;
	assert_int_equal(mpr_input_read("/dev/null", 100, &data, &len, &err), MPR_EIO);
	assert_null(data);
	assert_non_null(strstr(err.message, "character device"));
	assert_int_equal(mpr_input_read(RULES_DIR "/ruleset.yaml", 1u << 20, &data, &len, &err),
	                 MPR_OK);
	assert_true(len > 100 && strlen(data) == len);
	free(data);
	assert_int_equal(mpr_input_read(NULL, 100, NULL, &len, &err), MPR_EINVAL);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(not_regular_files_are_refused_at_once),
		cmocka_unit_test(streams_are_read_with_the_limit),
		cmocka_unit_test(the_public_reader_is_the_same),
	};
	return cmocka_run_group_tests_name("file", tests, setup, teardown);
}
