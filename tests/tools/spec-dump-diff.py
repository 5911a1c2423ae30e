#!/usr/bin/env python3
"""spec-dump-diff.py IR_DUMP [TESTSUITE] - text reader vs binary reader on the
spec testsuite: every top-level text (module ...) of each non-SIMD core .wast is
read by our text reader, and the binary `wast2json --debug-names` makes of it by
our binary reader; both dumps (compiler/dump.c) must be identical.  Prints each
difference or rejection and the counts; files go to /tmp/spec-dump-diff.
   python3 tests/tools/spec-dump-diff.py build/unit/ir_dump third_party/testsuite
"""
import json,sys,subprocess,os,re,glob
D=sys.argv[1]
TS=sys.argv[2] if len(sys.argv)>2 else 'third_party/testsuite'
out='/tmp/spec-dump-diff'; os.makedirs(out,exist_ok=True)
def forms(src):
    """Top-level s-expressions of a .wast: (line, text), skipping comments and strings."""
    i=0;n=len(src);depth=0;start=None;line=1;startline=None
    while i<n:
        c=src[i]
        if c=='\n': line+=1
        if src.startswith(';;',i):
            j=src.find('\n',i); i=n if j<0 else j; continue
        if src.startswith('(;',i):
            d=0
            while i<n:
                if src.startswith('(;',i): d+=1;i+=2;continue
                if src.startswith(';)',i):
                    d-=1;i+=2
                    if d==0: break
                    continue
                if src[i]=='\n': line+=1
                i+=1
            continue
        if c=='"':
            i+=1
            while i<n and src[i]!='"':
                if src[i]=='\\': i+=1
                if src[i]=='\n': line+=1
                i+=1
            i+=1; continue
        if c=='(':
            if depth==0: start=i;startline=line
            depth+=1
        elif c==')':
            depth-=1
            if depth==0: yield startline, src[start:i+1]
        i+=1
stats={'same':0,'diff':0,'texterr':0,'binerr':0}
for w in sorted(glob.glob(TS+'/*.wast')):
    b=os.path.basename(w)[:-5]
    if b.startswith('simd'): continue
    d=os.path.join(out,b); os.makedirs(d,exist_ok=True)
    if subprocess.run(['wast2json','--debug-names','--no-check',w,'-o',d+'/'+b+'.json'],capture_output=True).returncode: continue
    j=json.load(open(d+'/'+b+'.json'))
    bylines={c['line']:c['filename'] for c in j['commands'] if c['type']=='module' and c.get('filename','').endswith('.wasm')}
    src=open(w,encoding='utf-8',errors='replace').read()
    for line,f in forms(src):
        if not re.match(r'\(module\b',f): continue
        toks=f[7:].split()
        if toks and toks[0].startswith('$'): toks=toks[1:]
        if toks and toks[0] in ('binary','quote'): continue
        if line not in bylines: continue
        wat=os.path.join(d,'%d.wat'%line); open(wat,'w').write(f)
        t=subprocess.run([D,wat],capture_output=True)
        bi=subprocess.run([D,os.path.join(d,bylines[line])],capture_output=True)
        if t.returncode: stats['texterr']+=1; print('TEXTERR',b,line,t.stderr.decode(errors='replace').split('\n')[0]); continue
        if bi.returncode: stats['binerr']+=1; print('BINERR',b,line,bi.stderr.decode(errors='replace').split('\n')[0]); continue
        if t.stdout==bi.stdout: stats['same']+=1
        else:
            stats['diff']+=1
            open(wat+'.t','wb').write(t.stdout); open(wat+'.b','wb').write(bi.stdout)
            print('DIFF',b,line,wat)
print(stats)
