// Passwords people choose most often, refused for local accounts (issue 12). Pure data.
//
// Source: written down for this project from the most frequent entries of the NCSC's published
// list of passwords found in breaches ("PwnedPasswordsTop100k", National Cyber Security Centre,
// 2019, from Troy Hunt's Have I Been Pwned) and the SplashData/NordPass yearly "most common
// passwords" lists. It is a short list, not the whole of either: the policy also refuses these
// words with digits or symbols added at either end ("Password2026!"), and any password that is one
// short piece repeated or a run along the keyboard or the alphabet (password-policy.ts).
export const COMMON_PASSWORDS: readonly string[] = `
123456 123456789 12345 qwerty password 12345678 111111 123123 1234567890 1234567 qwerty123
000000 1q2w3e abc123 password1 1234 qwertyuiop 123321 password123 654321 666666 123qwe 7777777
1qaz2wsx 987654321 121212 dragon 555555 monkey letmein football iloveyou admin welcome login
princess sunshine master shadow ashley bailey passw0rd superman trustno1 michael jennifer hunter
baseball charlie donald freedom whatever qazwsx mustang jordan harley ranger batman starwars
access flower hottie loveme zaq1zaq1 solo hello computer killer soccer thomas jessica pepper
daniel andrew joshua matthew robert george summer liverpool arsenal chelsea manchester united
everton tottenham england london scotland wales cardiff birmingham leeds newcastle pokemon
cheese chocolate cookie butterfly purple orange yellow silver golden ginger tigger buster
maggie sophie charlotte oliver harry jack samuel william thomas1 lovely angel angels friends
family forever blessed jesus heaven secret secret123 changeme changeme123 default guest test
test123 testing admin123 administrator root toor qwerty1 qwerty12 asdfgh asdfghjkl zxcvbnm
zxcvbn qwe123 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc zaq12wsx q1w2e3r4 a1b2c3 abcd1234
aa123456 123abc abcdef abcdefg abcdefgh abcdefghij iloveu iloveyou1 ilovegod myspace1
football1 baseball1 monkey1 dragon1 princess1 sunshine1 letmein1 welcome1 welcome123
password12 password1234 passwordpassword pass pass123 pass1234 p@ssw0rd p@ssword passw0rd1
mypassword newpassword oldpassword yourpassword thepassword password! password01
council council123 school teacher education children summertime wintertime springtime
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring autumn winter
hello123 hellohello goodbye whatever1 nothing anything something someone everyone
trustme letmein123 openup opensesame access123 master123 superman1 batman1 spiderman
starwars1 matrix merlin phoenix dragons tiger lion eagle falcon wolf bear shark
computer1 internet network server database system office microsoft windows apple google
facebook twitter instagram youtube netflix amazon linkedin yahoo hotmail gmail outlook
qwertyuiop1 qwertyuiop123 asdfghjkl1 zxcvbnm1 1qazxsw2 zaq1xsw2 qazwsxedc qazwsxedcrfv
147258369 159753 159357 741852963 963852741 123654 456789 789456 147852 258456 11111111
00000000 12341234 12121212 11223344 112233 123456a 123456q a123456 q123456 1234qwer
qwer1234 asdf1234 zxcv1234 asd123 zxc123 qwe123qwe 1a2b3c4d letmein! welcome! iloveyou!
cambridge oxford yorkshire lancashire kent essex surrey devon cornwall norfolk suffolk
rangers celtic arsenal1 chelsea1 liverpool1 united1 leicester southampton westham
`
  .split(/\s+/)
  .filter(Boolean);
