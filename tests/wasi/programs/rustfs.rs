// rustfs.rs - Rust's std on WASI: arguments, environment, files, directories, exit code.
use std::fs;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {:?}", &args[1..]);
    println!("GREETING = {:?}", std::env::var("GREETING").ok());
    fs::create_dir("/data/rs").expect("create_dir");
    let mut f = fs::File::create("/data/rs/a.txt").expect("create");
    f.write_all(b"from rust\n").expect("write");
    drop(f);
    println!("read back: {:?}", fs::read_to_string("/data/rs/a.txt").unwrap());
    fs::rename("/data/rs/a.txt", "/data/rs/b.txt").expect("rename");
    let mut names: Vec<String> = fs::read_dir("/data").unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("/data: {:?}", names);
    println!("metadata len: {}", fs::metadata("/data/rs/b.txt").unwrap().len());
    println!("outside: {}", if fs::read("/etc/passwd").is_ok() { "readable" } else { "out of reach" });
    fs::remove_file("/data/rs/b.txt").unwrap();
    fs::remove_dir("/data/rs").unwrap();
    std::process::exit(5);
}
