#ifndef PEMS_CXLSXWRITER_SHIM_H
#define PEMS_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
