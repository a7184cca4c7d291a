package resume

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// glyphNames maps the Adobe glyph names that appear in /Differences arrays
// of real resumes (Latin text, punctuation, TeX ligatures) to Unicode. Names
// outside this list fall back to the uniXXXX / uXXXX / a_b conventions.
var glyphNames = func() map[string]string {
	const table = `space 20 exclam 21 quotedbl 22 numbersign 23 dollar 24 percent 25 ampersand 26
quotesingle 27 quoteright 2019 parenleft 28 parenright 29 asterisk 2a plus 2b comma 2c hyphen 2d
period 2e slash 2f zero 30 one 31 two 32 three 33 four 34 five 35 six 36 seven 37 eight 38 nine 39
colon 3a semicolon 3b less 3c equal 3d greater 3e question 3f at 40 bracketleft 5b backslash 5c
bracketright 5d asciicircum 5e underscore 5f grave 60 quoteleft 2018 braceleft 7b bar 7c
braceright 7d asciitilde 7e exclamdown a1 cent a2 sterling a3 currency a4 yen a5 brokenbar a6
section a7 dieresis a8 copyright a9 ordfeminine aa guillemotleft ab logicalnot ac registered ae
macron af degree b0 plusminus b1 twosuperior b2 threesuperior b3 acute b4 mu b5 paragraph b6
periodcentered b7 cedilla b8 onesuperior b9 ordmasculine ba guillemotright bb onequarter bc
onehalf bd threequarters be questiondown bf Agrave c0 Aacute c1 Acircumflex c2 Atilde c3
Adieresis c4 Aring c5 AE c6 Ccedilla c7 Egrave c8 Eacute c9 Ecircumflex ca Edieresis cb Igrave cc
Iacute cd Icircumflex ce Idieresis cf Eth d0 Ntilde d1 Ograve d2 Oacute d3 Ocircumflex d4 Otilde d5
Odieresis d6 multiply d7 Oslash d8 Ugrave d9 Uacute da Ucircumflex db Udieresis dc Yacute dd
Thorn de germandbls df agrave e0 aacute e1 acircumflex e2 atilde e3 adieresis e4 aring e5 ae e6
ccedilla e7 egrave e8 eacute e9 ecircumflex ea edieresis eb igrave ec iacute ed icircumflex ee
idieresis ef eth f0 ntilde f1 ograve f2 oacute f3 ocircumflex f4 otilde f5 odieresis f6 divide f7
oslash f8 ugrave f9 uacute fa ucircumflex fb udieresis fc yacute fd thorn fe ydieresis ff
OE 152 oe 153 Scaron 160 scaron 161 Ydieresis 178 Zcaron 17d zcaron 17e florin 192
circumflex 2c6 tilde 2dc caron 2c7 breve 2d8 dotaccent 2d9 ring 2da ogonek 2db hungarumlaut 2dd
endash 2013 emdash 2014 quotesinglbase 201a quotedblleft 201c quotedblright 201d quotedblbase 201e
dagger 2020 daggerdbl 2021 bullet 2022 ellipsis 2026 perthousand 2030 guilsinglleft 2039
guilsinglright 203a fraction 2044 Euro 20ac trademark 2122 minus 2212 dotlessi 131 Lslash 141
lslash 142 fi fb01 fl fb02 ff fb00 ffi fb03 ffl fb04 nbspace a0 sfthyphen ad uni00A0 a0
arrowright 2192 arrowleft 2190 similar 223c periodcentered b7 middot b7 check 2713 bulletoperator 2219
Cacute 106 cacute 107 Ccaron 10c ccaron 10d Dcroat 110 dcroat 111 Ecaron 11a ecaron 11b
Eogonek 118 eogonek 119 Gbreve 11e gbreve 11f Idotaccent 130 Nacute 143 nacute 144 Ncaron 147
ncaron 148 Ohungarumlaut 150 ohungarumlaut 151 Rcaron 158 rcaron 159 Sacute 15a sacute 15b
Scedilla 15e scedilla 15f Tcaron 164 tcaron 165 Uring 16e uring 16f Uhungarumlaut 170
uhungarumlaut 171 Zacute 179 zacute 17a Zdotaccent 17b zdotaccent 17c Amacron 100 amacron 101
Emacron 112 emacron 113 Imacron 12a imacron 12b Omacron 14c omacron 14d Umacron 16a umacron 16b
visiblespace 2423 openbullet 25e6 square 25a0 circle 25cb filledbox 25a0 lozenge 25ca
dotlessj 237 Gamma 393 Delta 394 Theta 398 Lambda 39b Xi 39e Pi 3a0 Sigma 3a3 Phi 3a6 Psi 3a8
Omega 3a9 alpha 3b1 beta 3b2 gamma 3b3 delta 3b4 epsilon 3b5 lambda 3bb pi 3c0 sigma 3c3
mu1 b5 periodcentered.loclCAT b7 quoteleftreversed 201b exclamsmall 21 registered.alt ae`
	m := make(map[string]string, 400)
	f := strings.Fields(table)
	for i := 0; i+1 < len(f); i += 2 {
		v, err := strconv.ParseUint(f[i+1], 16, 32)
		if err == nil {
			m[f[i]] = string(rune(v))
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m[string(c)] = string(c)
		m[string(c+'a'-'A')] = string(c + 'a' - 'A')
	}
	return m
}()

// glyphToUnicode maps a glyph name to text, or "" when unknown.
func glyphToUnicode(name string) string {
	if s, ok := glyphNames[name]; ok {
		return s
	}
	base := name
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
		if s, ok := glyphNames[base]; ok {
			return s
		}
	}
	if strings.Contains(base, "_") {
		var b strings.Builder
		for _, part := range strings.Split(base, "_") {
			b.WriteString(glyphToUnicode(part))
		}
		return b.String()
	}
	if strings.HasPrefix(base, "uni") && len(base) >= 7 && (len(base)-3)%4 == 0 {
		var units []uint16
		for i := 3; i+4 <= len(base); i += 4 {
			v, err := strconv.ParseUint(base[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			units = append(units, uint16(v))
		}
		return string(utf16.Decode(units))
	}
	if strings.HasPrefix(base, "u") && len(base) >= 5 && len(base) <= 7 {
		if v, err := strconv.ParseUint(base[1:], 16, 32); err == nil && v < 0x110000 {
			return string(rune(v))
		}
	}
	return ""
}

// Base encodings of simple fonts, as 256 strings indexed by code.
var (
	winAnsiEncoding  = charmapEncoding(charmap.Windows1252)
	macRomanEncoding = charmapEncoding(charmap.Macintosh)
	standardEncoding = func() [256]string {
		// StandardEncoding is ASCII with curly quotes plus an upper half
		// that differs from Latin-1; only the commonly used codes matter.
		e := charmapEncoding(charmap.ISO8859_1)
		for i := 0x80; i < 0x100; i++ {
			e[i] = ""
		}
		e[0x27], e[0x60] = "\u2019", "\u2018"
		upper := map[int]string{0xa1: "¡", 0xa2: "¢", 0xa3: "£", 0xa4: "⁄", 0xa5: "¥", 0xa6: "ƒ", 0xa7: "§",
			0xa8: "¤", 0xa9: "'", 0xaa: "“", 0xab: "«", 0xac: "‹", 0xad: "›", 0xae: "ﬁ", 0xaf: "ﬂ",
			0xb1: "–", 0xb2: "†", 0xb3: "‡", 0xb4: "·", 0xb6: "¶", 0xb7: "•", 0xb8: "‚", 0xb9: "„",
			0xba: "”", 0xbb: "»", 0xbc: "…", 0xbd: "‰", 0xbf: "¿", 0xc1: "`", 0xc2: "´", 0xc3: "ˆ",
			0xc4: "˜", 0xc5: "¯", 0xc6: "˘", 0xc7: "˙", 0xc8: "¨", 0xca: "˚", 0xcb: "¸", 0xcd: "˝",
			0xce: "˛", 0xcf: "ˇ", 0xd0: "—", 0xe1: "Æ", 0xe3: "ª", 0xe8: "Ł", 0xe9: "Ø", 0xea: "Œ",
			0xeb: "º", 0xf1: "æ", 0xf5: "ı", 0xf8: "ł", 0xf9: "ø", 0xfa: "œ", 0xfb: "ß"}
		for k, v := range upper {
			e[k] = v
		}
		return e
	}()
)

func charmapEncoding(cm *charmap.Charmap) [256]string {
	var e [256]string
	for i := 0; i < 256; i++ {
		r := cm.DecodeByte(byte(i))
		if r != '\uFFFD' && (i >= 0x20 || i == '\t') {
			e[i] = string(r)
		}
	}
	return e
}
