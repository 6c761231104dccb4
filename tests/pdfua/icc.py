"""icc.py FILE.pdf — the output intent's ICC profile (the /N 3 stream, read through qpdf) opens
in lcms2 (through ctypes: no headers needed) as a display profile of version below 5 (PDF/A-2
6.2.3), and maps 729 RGB values to the same XYZ as lcms2's own built-in sRGB, within 0.002."""
import base64, ctypes, json, subprocess, sys
pdf = sys.argv[1]
# the output intent's profile, through qpdf
j = subprocess.run(['qpdf', '--json', '--json-key=qpdf', '--decode-level=generalized', '--json-stream-data=inline', pdf], capture_output=True).stdout
objs = json.loads(j)['qpdf'][1]
icc = None
for k, v in objs.items():
    s = v.get('stream') if isinstance(v, dict) else None
    if s and s['dict'].get('/N') == 3 and 'data' in s:
        icc = base64.b64decode(s['data'])
if icc is None: sys.exit('no /N 3 stream')
print('profile bytes', len(icc))
lcms = ctypes.CDLL('liblcms2.so.2')
lcms.cmsOpenProfileFromMem.restype = ctypes.c_void_p
lcms.cmsOpenProfileFromMem.argtypes = [ctypes.c_char_p, ctypes.c_uint32]
lcms.cmsCreate_sRGBProfile.restype = ctypes.c_void_p
lcms.cmsCreateTransform.restype = ctypes.c_void_p
lcms.cmsCreateTransform.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32]
lcms.cmsDoTransform.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint32]
lcms.cmsGetDeviceClass.argtypes = [ctypes.c_void_p]; lcms.cmsGetDeviceClass.restype = ctypes.c_uint32
lcms.cmsGetColorSpace.argtypes = [ctypes.c_void_p]; lcms.cmsGetColorSpace.restype = ctypes.c_uint32
lcms.cmsGetProfileVersion.argtypes = [ctypes.c_void_p]; lcms.cmsGetProfileVersion.restype = ctypes.c_double
p = lcms.cmsOpenProfileFromMem(icc, len(icc))
if not p: sys.exit('lcms2 cannot open the profile')
sigs = lambda v: v.to_bytes(4, 'big').decode()
print('class', sigs(lcms.cmsGetDeviceClass(p)), 'space', sigs(lcms.cmsGetColorSpace(p)), 'version', lcms.cmsGetProfileVersion(p))
ref = lcms.cmsCreate_sRGBProfile()
TYPE_RGB_16 = (4 << 16) | (3 << 3) | 2
TYPE_XYZ_DBL = (1 << 22) | (9 << 16) | (3 << 3) | 0
t1 = lcms.cmsCreateTransform(p, TYPE_RGB_16, None, TYPE_XYZ_DBL, 1, 0x0100)  # colorimetric, nocache
lcms.cmsCreateXYZProfile.restype = ctypes.c_void_p
xyzp = lcms.cmsCreateXYZProfile()
t1 = lcms.cmsCreateTransform(p, TYPE_RGB_16, xyzp, TYPE_XYZ_DBL, 1, 0x0100)
t2 = lcms.cmsCreateTransform(ref, TYPE_RGB_16, xyzp, TYPE_XYZ_DBL, 1, 0x0100)
if not t1 or not t2: sys.exit('no transform')
worst = 0
vals = [0, 1000, 2650, 5000, 13107, 26214, 39321, 52428, 65535]
for r in vals:
  for g in vals:
    for b in vals:
        src = (ctypes.c_uint16 * 3)(r, g, b)
        a = (ctypes.c_double * 3)(); c = (ctypes.c_double * 3)()
        lcms.cmsDoTransform(t1, src, a, 1); lcms.cmsDoTransform(t2, src, c, 1)
        worst = max(worst, max(abs(a[i] - c[i]) for i in range(3)))
print('largest XYZ difference from lcms2\'s built-in sRGB: %.6f' % worst)
sys.exit(0 if worst < 0.002 and sigs(lcms.cmsGetDeviceClass(p)) == 'mntr' and lcms.cmsGetProfileVersion(p) < 5 else 1)
